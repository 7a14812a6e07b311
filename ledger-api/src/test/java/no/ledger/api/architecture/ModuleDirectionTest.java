package no.ledger.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point one way, ledger-api -> ledger-projections -> ledger-core, and core stays plain. */
@AnalyzeClasses(packages = "no.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDirectionTest {

    @ArchTest
    static final ArchRule coreKnowsNeitherProjectionsNorApi = noClasses()
            .that().resideInAPackage("no.ledger.core..")
            .should().dependOnClassesThat().resideInAnyPackage("no.ledger.projections..", "no.ledger.api..");

    @ArchTest
    static final ArchRule projectionsDoNotKnowTheApi = noClasses()
            .that().resideInAPackage("no.ledger.projections..")
            .should().dependOnClassesThat().resideInAPackage("no.ledger.api..");

    @ArchTest
    static final ArchRule coreHasNoSpringWebJpaOrDatabase = noClasses()
            .that().resideInAPackage("no.ledger.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "org.hibernate..", "jakarta.servlet..", "java.sql..", "javax.sql..");

    @ArchTest
    static final ArchRule projectionsHaveNoWeb = noClasses()
            .that().resideInAPackage("no.ledger.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..",
                    "jakarta.persistence..");
}
