package dev.converge.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The worker's classpath holds workflows, activities and worker: their package graph stays free of
 * cycles, and workflow code stays free of Kubernetes and Spring (it is replayed, and plain records
 * are what history holds). docs/architecture.md#module-map says why.
 */
class PackageGraphTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages(
              "dev.converge.workflows",
              "dev.converge.registry",
              "dev.converge.cluster",
              "dev.converge.activities",
              "dev.converge.worker");

  @Test
  void noPackageCycle() {
    slices().matching("dev.converge.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void workflowCodeUsesNeitherKubernetesNorSpring() {
    noClasses()
        .that()
        .resideInAPackage("dev.converge.workflows..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8..",
            "org.springframework..",
            "dev.converge.activities..",
            "dev.converge.registry..")
        .check(MAIN);
  }
}
