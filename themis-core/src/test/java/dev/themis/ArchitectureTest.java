package dev.themis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering rules of the core, checked on its compiled classes. */
class ArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.themis");

  @Test
  void coreNeverImportsTheAwsSdk() {
    noClasses().should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .because("themis-core must run without AWS; providers bring the SDK")
        .check(CORE);
  }

  @Test
  void apiAndSpiNeverImportInternals() {
    noClasses().that().resideOutsideOfPackage("..internal..")
        .should().dependOnClassesThat().resideInAPackage("..internal..")
        .because("internal packages are implementation details behind the API and SPI")
        .allowEmptyShould(true)
        .check(CORE);
  }

  @Test
  void theSpiDependsOnlyOnValuesConfigurationAndHistory() {
    noClasses().that().resideInAPackage("dev.themis.spi..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.themis.cost..", "dev.themis.policy..",
            "dev.themis.expr..", "dev.themis.schedule..")
        .because("the SPI is what plugin authors implement; it must stay small")
        .check(CORE);
  }
}
