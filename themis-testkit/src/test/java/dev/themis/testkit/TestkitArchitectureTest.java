package dev.themis.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class TestkitArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.themis.testkit");

  @Test
  void onlyTheAdapterPackageKnowsQuickTheories() {
    noClasses().that().resideOutsideOfPackage("dev.themis.testkit.quicktheories..").should().dependOnClassesThat()
        .resideInAPackage("org.quicktheories..").check(MAIN);
  }

  @Test
  void onlyTheBrowserPackageKnowsSelenium() {
    noClasses().that().resideOutsideOfPackage("dev.themis.testkit.browser..").should().dependOnClassesThat()
        .resideInAPackage("org.openqa.selenium..").check(MAIN);
  }

  @Test
  void simulationsNeverReadTheWallClock() {
    noClasses().should().callMethod(Instant.class, "now").orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime").orShould().callMethod(Clock.class, "systemUTC")
        .orShould().callMethod(Clock.class, "systemDefaultZone").orShould().callMethod(InstantSource.class, "system")
        .check(MAIN);
  }

  @Test
  void simulationsNeverSleep() {
    noClasses().should().callMethod(Thread.class, "sleep", long.class).check(MAIN);
  }
}
