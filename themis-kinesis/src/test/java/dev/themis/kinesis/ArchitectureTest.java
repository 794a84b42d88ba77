package dev.themis.kinesis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.themis.kinesis");

  @Test
  void thePublicApiNeverDependsOnTheImplementation() {
    noClasses().that().resideInAPackage("dev.themis.kinesis")
        .should().dependOnClassesThat().resideInAPackage("dev.themis.kinesis.internal")
        .check(MAIN);
  }

  @Test
  void thePublicApiExposesNoAwsSdkTypes() {
    noClasses().that().resideInAPackage("dev.themis.kinesis")
        .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .check(MAIN);
  }

  @Test
  void policiesAndThePlannerDoNoIo() {
    noClasses().that().haveSimpleNameStartingWith("ReshardPlanner").or().haveSimpleNameStartingWith("KinesisPolicies")
        .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .check(MAIN);
  }

  /** The HTTP client is the host's choice (issue 15): no code names one, so the default can be excluded. */
  @Test
  void noCodeNamesAnHttpClientImplementation() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.http.urlconnection..",
        "software.amazon.awssdk.http.apache..", "software.amazon.awssdk.http.apache5..",
        "software.amazon.awssdk.http.nio..").check(MAIN);
  }
}
