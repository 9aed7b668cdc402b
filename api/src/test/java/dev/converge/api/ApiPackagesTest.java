package dev.converge.api;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The API's packages depend on each other one way only (the worker's are held by PackageGraphTest).
 */
class ApiPackagesTest {
  @Test
  void noPackageCycle() {
    slices()
        .matching("dev.converge.api.(**)")
        .should()
        .beFreeOfCycles()
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.converge.api"));
  }
}
