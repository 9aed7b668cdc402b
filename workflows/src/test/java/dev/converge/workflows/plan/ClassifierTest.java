package dev.converge.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.converge.workflows.contract.ExternalDependency;
import dev.converge.workflows.contract.TrackSpec;
import dev.converge.workflows.contract.TrackSpec.FailMode;
import dev.converge.workflows.model.ResourceMeta;
import dev.converge.workflows.plan.Classifier.Classification;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifierTest {

  private static ClassifiedResource classify(Res res) {
    Classification c = Classifier.classify(List.of(res.meta()), Res.NS, Readings.LATEST);
    assertEquals(List.of(), c.errors());
    assertEquals(1, c.resources().size());
    return c.resources().get(0);
  }

  private static List<String> errors(Res... res) {
    List<ResourceMeta> metas = Arrays.stream(res).map(Res::meta).toList();
    return Classifier.classify(metas, Res.NS, Readings.LATEST).errors();
  }

  /** The single error of one resource, checked to name its file, resource and annotation. */
  private static String error(Res res, String annotation) {
    List<String> errors = errors(res);
    assertEquals(1, errors.size(), () -> "errors: " + errors);
    String error = errors.get(0);
    ResourceMeta meta = res.meta();
    assertTrue(error.contains(meta.source()), error);
    assertTrue(error.contains(meta.key().display()), error);
    assertTrue(error.contains(annotation), error);
    return error;
  }

  // ---- weight

  @Test
  void werfWeightBeatsHelmHookWeight() {
    Res hook =
        Res.job("migrate")
            .ann("helm.sh/hook", "pre-install")
            .ann("helm.sh/hook-weight", "-5")
            .ann("werf.io/weight", "7");
    assertEquals(7, classify(hook).weight());
  }

  @Test
  void helmHookWeightIsUsedWithoutWerfWeight() {
    Res hook =
        Res.job("migrate").ann("helm.sh/hook", "pre-install").ann("helm.sh/hook-weight", "-5");
    assertEquals(-5, classify(hook).weight());
  }

  @Test
  void weightDefaultsToZero() {
    assertEquals(0, classify(Res.configMap("c")).weight());
  }

  @Test
  void crdsAndNamespacesAreForcedToWeightZero() {
    Res crd =
        Res.clusterScoped(
                "apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com")
            .ann("werf.io/weight", "5");
    Res ns = Res.clusterScoped("v1", "Namespace", "other").ann("werf.io/weight", "-3");
    assertEquals(0, classify(crd).weight());
    assertEquals(0, classify(ns).weight());
  }

  @Test
  void nonIntegerWeightIsAnError() {
    error(Res.configMap("c").ann("werf.io/weight", "heavy"), "werf.io/weight");
  }

  // ---- deploy on

  @Test
  void nonHookDeploysOnInstallUpgradeAndRollbackByDefault() {
    assertEquals(Set.of("install", "upgrade", "rollback"), classify(Res.configMap("c")).deployOn());
  }

  @Test
  void hookDeploysOnTheEventsOfHelmHook() {
    ClassifiedResource hook =
        classify(Res.job("m").ann("helm.sh/hook", "pre-install, post-upgrade"));
    assertTrue(hook.hook());
    assertEquals(Set.of("pre-install", "post-upgrade"), hook.deployOn());
  }

  @Test
  void helmTestSuccessHookMeansTest() {
    assertEquals(
        Set.of("test"), classify(Res.job("t").ann("helm.sh/hook", "test-success")).deployOn());
  }

  @Test
  void explicitDeployOnReplacesTheDefault() {
    ClassifiedResource r =
        classify(Res.configMap("c").ann("werf.io/deploy-on", "pre-install,upgrade"));
    assertEquals(Set.of("pre-install", "upgrade"), r.deployOn());
  }

  @Test
  void explicitDeployOnBeatsHelmHook() {
    ClassifiedResource r =
        classify(
            Res.job("m")
                .ann("helm.sh/hook", "pre-install")
                .ann("werf.io/deploy-on", "post-install"));
    assertEquals(Set.of("post-install"), r.deployOn());
  }

  @Test
  void unknownDeployOnValueIsAnErrorNamingTheValue() {
    String e =
        error(
            Res.configMap("c").ann("werf.io/deploy-on", "install,pre-deploy"), "werf.io/deploy-on");
    assertTrue(e.contains("pre-deploy"), e);
  }

  @Test
  void unknownHelmHookIsAnError() {
    error(Res.job("m").ann("helm.sh/hook", "pre-instal"), "helm.sh/hook");
  }

  // ---- ownership defaults

  @Test
  void ordinaryResourceIsOwnedByTheRelease() {
    assertEquals(Ownership.RELEASE, classify(Res.configMap("c")).ownership());
  }

  @Test
  void hookIsOwnedByAnyone() {
    assertEquals(
        Ownership.ANYONE, classify(Res.job("m").ann("helm.sh/hook", "pre-install")).ownership());
  }

  @Test
  void crdFromCrdsDirIsOwnedByAnyone() {
    Res crd =
        Res.clusterScoped(
            "apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com");
    assertEquals(Ownership.ANYONE, classify(crd.fromCrdsDir()).ownership());
  }

  @Test
  void crdFromTemplatesIsOwnedByTheRelease() {
    Res crd =
        Res.clusterScoped(
            "apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com");
    assertEquals(Ownership.RELEASE, classify(crd).ownership());
  }

  @Test
  void theReleaseNamespaceIsOwnedByAnyoneButAnotherNamespaceByTheRelease() {
    assertEquals(
        Ownership.ANYONE, classify(Res.clusterScoped("v1", "Namespace", Res.NS)).ownership());
    assertEquals(
        Ownership.RELEASE, classify(Res.clusterScoped("v1", "Namespace", "other")).ownership());
  }

  @Test
  void explicitOwnershipWins() {
    assertEquals(
        Ownership.ANYONE,
        classify(Res.configMap("c").ann("werf.io/ownership", "anyone")).ownership());
    assertEquals(
        Ownership.RELEASE,
        classify(
                Res.job("m").ann("helm.sh/hook", "pre-install").ann("werf.io/ownership", "release"))
            .ownership());
  }

  @Test
  void unknownOwnershipIsAnError() {
    error(Res.configMap("c").ann("werf.io/ownership", "nobody"), "werf.io/ownership");
  }

  // ---- delete policies

  @ParameterizedTest
  @CsvSource({
    "before-hook-creation, BEFORE_CREATION",
    "hook-succeeded, SUCCEEDED",
    "hook-failed, FAILED"
  })
  void helmHookDeletePolicyMapsToWerfPolicy(String helm, DeletePolicy expected) {
    Res hook =
        Res.configMap("h")
            .ann("helm.sh/hook", "post-install")
            .ann("helm.sh/hook-delete-policy", helm);
    assertEquals(Set.of(expected), classify(hook).deletePolicies());
  }

  @Test
  void helmHookDeletePolicyListMapsEveryValue() {
    Res hook =
        Res.configMap("h")
            .ann("helm.sh/hook", "post-install")
            .ann("helm.sh/hook-delete-policy", "hook-succeeded,hook-failed");
    assertEquals(
        Set.of(DeletePolicy.SUCCEEDED, DeletePolicy.FAILED), classify(hook).deletePolicies());
  }

  @Test
  void hookDefaultsToBeforeCreation() {
    Res hook = Res.configMap("h").ann("helm.sh/hook", "post-install");
    assertEquals(Set.of(DeletePolicy.BEFORE_CREATION), classify(hook).deletePolicies());
  }

  @Test
  void jobDefaultsToBeforeCreationIfImmutable() {
    assertEquals(
        Set.of(DeletePolicy.BEFORE_CREATION_IF_IMMUTABLE), classify(Res.job("j")).deletePolicies());
  }

  @Test
  void hookJobKeepsOnlyBeforeCreation() {
    Res hook = Res.job("j").ann("helm.sh/hook", "pre-install");
    assertEquals(Set.of(DeletePolicy.BEFORE_CREATION), classify(hook).deletePolicies());
  }

  @Test
  void ordinaryResourceHasNoDeletePolicy() {
    assertEquals(Set.of(), classify(Res.configMap("c")).deletePolicies());
  }

  @Test
  void werfDeletePolicyIsAListAndBeatsHelm() {
    Res hook =
        Res.configMap("h")
            .ann("helm.sh/hook", "post-install")
            .ann("helm.sh/hook-delete-policy", "hook-failed")
            .ann("werf.io/delete-policy", "before-creation, succeeded");
    assertEquals(
        Set.of(DeletePolicy.BEFORE_CREATION, DeletePolicy.SUCCEEDED),
        classify(hook).deletePolicies());
  }

  @Test
  void unknownDeletePolicyIsAnError() {
    error(Res.configMap("c").ann("werf.io/delete-policy", "never"), "werf.io/delete-policy");
    error(
        Res.configMap("h")
            .ann("helm.sh/hook", "post-install")
            .ann("helm.sh/hook-delete-policy", "hook-done"),
        "helm.sh/hook-delete-policy");
  }

  // ---- resource policies

  @Test
  void helmKeepMeansKeepAndSkipDelete() {
    ClassifiedResource r = classify(Res.configMap("c").ann("helm.sh/resource-policy", "keep"));
    assertEquals(Set.of(ResourcePolicy.KEEP, ResourcePolicy.SKIP_DELETE), r.resourcePolicies());
    assertTrue(r.protectedFromDelete());
  }

  @Test
  void werfKeepAlsoImpliesSkipDelete() {
    ClassifiedResource r = classify(Res.configMap("c").ann("werf.io/resource-policy", "keep"));
    assertEquals(Set.of(ResourcePolicy.KEEP, ResourcePolicy.SKIP_DELETE), r.resourcePolicies());
  }

  @Test
  void werfResourcePolicyIsAList() {
    ClassifiedResource r =
        classify(
            Res.configMap("c")
                .ann("werf.io/resource-policy", "skip-create,skip-update,skip-recreate"));
    assertEquals(
        Set.of(
            ResourcePolicy.SKIP_CREATE, ResourcePolicy.SKIP_UPDATE, ResourcePolicy.SKIP_RECREATE),
        r.resourcePolicies());
    assertFalse(r.protectedFromDelete());
  }

  @Test
  void noResourcePolicyByDefault() {
    assertEquals(Set.of(), classify(Res.configMap("c")).resourcePolicies());
  }

  @Test
  void helmResourcePolicyOtherThanKeepIsAnError() {
    error(Res.configMap("c").ann("helm.sh/resource-policy", "retain"), "helm.sh/resource-policy");
  }

  @Test
  void unknownWerfResourcePolicyIsAnError() {
    error(
        Res.configMap("c").ann("werf.io/resource-policy", "skip-everything"),
        "werf.io/resource-policy");
  }

  // ---- delete propagation

  @Test
  void defaultsToForeground() {
    assertEquals("Foreground", classify(Res.configMap("c")).deletePropagation());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Foreground", "Background", "Orphan"})
  void acceptsEachKubernetesValue(String value) {
    assertEquals(
        value,
        classify(Res.configMap("c").ann("werf.io/delete-propagation", value)).deletePropagation());
  }

  @Test
  void unknownValueIsAnError() {
    error(
        Res.configMap("c").ann("werf.io/delete-propagation", "background"),
        "werf.io/delete-propagation");
  }

  // ---- replicas on creation

  @Test
  void readsANonNegativeInteger() {
    assertEquals(
        3,
        classify(Res.deployment("w").ann("werf.io/replicas-on-creation", "3"))
            .replicasOnCreation());
    assertEquals(
        0,
        classify(Res.deployment("w").ann("werf.io/replicas-on-creation", "0"))
            .replicasOnCreation());
  }

  @Test
  void absentByDefault() {
    assertNull(classify(Res.deployment("w")).replicasOnCreation());
  }

  @Test
  void negativeIsAnError() {
    error(
        Res.deployment("w").ann("werf.io/replicas-on-creation", "-1"),
        "werf.io/replicas-on-creation");
  }

  @Test
  void nonIntegerIsAnError() {
    error(
        Res.deployment("w").ann("werf.io/replicas-on-creation", "two"),
        "werf.io/replicas-on-creation");
  }

  // ---- tracking

  private static TrackSpec track(String annotation, String value) {
    return classify(Res.deployment("w").ann(annotation, value)).tracking();
  }

  @Test
  void defaultsWaitFailAndFourMinutes() {
    assertEquals(TrackSpec.defaults(), classify(Res.deployment("w")).tracking());
    assertEquals(240, TrackSpec.defaults().noActivityTimeoutSeconds());
  }

  @Test
  void nonBlockingTerminationMode() {
    assertTrue(track("werf.io/track-termination-mode", "NonBlocking").nonBlocking());
    assertFalse(track("werf.io/track-termination-mode", "WaitUntilResourceReady").nonBlocking());
  }

  @Test
  void unknownTerminationModeIsAnError() {
    error(
        Res.deployment("w").ann("werf.io/track-termination-mode", "Never"),
        "werf.io/track-termination-mode");
  }

  @ParameterizedTest
  @CsvSource({
    "FailWholeDeployProcessImmediately, FAIL_WHOLE_DEPLOY_PROCESS_IMMEDIATELY",
    "IgnoreAndContinueDeployProcess, IGNORE_AND_CONTINUE_DEPLOY_PROCESS",
    "HopeUntilEndOfDeployProcess, HOPE_UNTIL_END_OF_DEPLOY_PROCESS"
  })
  void eachFailModeIsRead(String value, FailMode expected) {
    assertEquals(expected, track("werf.io/fail-mode", value).failMode());
  }

  @Test
  void unknownFailModeIsAnError() {
    error(Res.deployment("w").ann("werf.io/fail-mode", "Ignore"), "werf.io/fail-mode");
  }

  @Test
  void failuresAllowedPerReplicaIsANonNegativeInteger() {
    assertEquals(3, track("werf.io/failures-allowed-per-replica", "3").failuresAllowedPerReplica());
    assertNull(classify(Res.deployment("w")).tracking().failuresAllowedPerReplica());
    error(
        Res.deployment("w").ann("werf.io/failures-allowed-per-replica", "-2"),
        "werf.io/failures-allowed-per-replica");
  }

  @Test
  void noActivityTimeoutIsAGoDuration() {
    assertEquals(90, track("werf.io/no-activity-timeout", "90s").noActivityTimeoutSeconds());
    assertEquals(5400, track("werf.io/no-activity-timeout", "1h30m").noActivityTimeoutSeconds());
  }

  @Test
  void noActivityTimeoutThatIsNoDurationIsAnError() {
    String e =
        error(
            Res.deployment("w").ann("werf.io/no-activity-timeout", "abc"),
            "werf.io/no-activity-timeout");
    assertTrue(e.contains("'abc'"), e);
  }

  @Test
  void hugeNoActivityTimeoutIsAnErrorNotACrash() {
    error(
        Res.deployment("w").ann("werf.io/no-activity-timeout", "99999999999999999999s"),
        "werf.io/no-activity-timeout");
    error(
        Res.deployment("w").ann("werf.io/no-activity-timeout", "9999999999999999h"),
        "werf.io/no-activity-timeout");
  }

  @Test
  void ignoreReadinessProbeFailsIsPerContainer() {
    TrackSpec t =
        classify(
                Res.deployment("w")
                    .ann("werf.io/ignore-readiness-probe-fails-for-web", "2m")
                    .ann("werf.io/ignore-readiness-probe-fails-for-sidecar", "15s"))
            .tracking();
    assertEquals(Map.of("web", 120, "sidecar", 15), t.ignoreReadinessProbeFailsForSeconds());
  }

  @Test
  void ignoreReadinessProbeFailsThatIsNoDurationIsAnError() {
    error(
        Res.deployment("w").ann("werf.io/ignore-readiness-probe-fails-for-web", "soon"),
        "werf.io/ignore-readiness-probe-fails-for-web");
  }

  @Test
  void logRegexIsKept() {
    assertEquals("ERROR|WARN", track("werf.io/log-regex", "ERROR|WARN").logRegex());
    assertEquals(
        Map.of("web", "^GET"), track("werf.io/log-regex-for-web", "^GET").logRegexForContainer());
  }

  @Test
  void invalidLogRegexIsAnError() {
    error(Res.deployment("w").ann("werf.io/log-regex", "([a-z"), "werf.io/log-regex");
    error(Res.deployment("w").ann("werf.io/log-regex-for-web", "*x"), "werf.io/log-regex-for-web");
  }

  @Test
  void logRegexSkipIsKeptForTheResourceAndPerContainer() {
    assertEquals("^DEBUG", track("werf.io/log-regex-skip", "^DEBUG").logRegexSkip());
    assertEquals(
        Map.of("istio-proxy", "health"),
        track("werf.io/log-regex-skip-for-istio-proxy", "health").logRegexSkipForContainer());
    error(Res.deployment("w").ann("werf.io/log-regex-skip", "([a-z"), "werf.io/log-regex-skip");
    error(
        Res.deployment("w").ann("werf.io/log-regex-skip-for-web", "*x"),
        "werf.io/log-regex-skip-for-web");
  }

  @Test
  void logsOfHowManyReplicasIsACountOfOneByDefault() {
    assertEquals(1, classify(Res.deployment("w")).tracking().logReplicas());
    assertEquals(3, track("werf.io/show-logs-only-for-number-of-replicas", "3").logReplicas());
    assertEquals(0, track("werf.io/show-logs-only-for-number-of-replicas", "0").logReplicas());
    error(
        Res.deployment("w").ann("werf.io/show-logs-only-for-number-of-replicas", "all"),
        "werf.io/show-logs-only-for-number-of-replicas");
    error(
        Res.deployment("w").ann("werf.io/show-logs-only-for-number-of-replicas", "-1"),
        "werf.io/show-logs-only-for-number-of-replicas");
    error(
        Res.deployment("w").ann("werf.io/show-logs-only-for-number-of-replicas", "500"),
        "werf.io/show-logs-only-for-number-of-replicas");
  }

  @Test
  void legacySensitiveMustBeABoolean() {
    classify(Res.configMap("c").ann("werf.io/sensitive", "true"));
    error(Res.configMap("c").ann("werf.io/sensitive", "yes"), "werf.io/sensitive");
  }

  @Test
  void annotationsOfNelm131AreNotReadForHistoriesRecordedBeforeThem() {
    Res res =
        Res.deployment("w")
            .ann("werf.io/log-regex-skip", "([a-z")
            .ann("werf.io/sensitive", "yes")
            .ann("db.dependency.werf.io", "apps/v1:StatefulSet:db");
    Classification c = Classifier.classify(List.of(res.meta()), Res.NS, Readings.BASE);
    assertEquals(List.of(), c.errors());
    assertEquals(List.of(), c.resources().get(0).dependencies());
    assertEquals(null, c.resources().get(0).tracking().logRegexSkip());
  }

  @Test
  void containerListsAreCommaSeparated() {
    assertEquals(
        Set.of("istio-proxy", "vault"),
        track("werf.io/skip-logs-for-containers", "istio-proxy, vault,").skipLogsForContainers());
    assertEquals(
        Set.of("web"),
        track("werf.io/show-logs-only-for-containers", "web").showLogsOnlyForContainers());
  }

  @Test
  void skipLogsAndShowServiceMessagesAreBooleans() {
    assertTrue(track("werf.io/skip-logs", "true").skipLogs());
    assertTrue(track("werf.io/show-service-messages", "true").showServiceMessages());
    assertFalse(track("werf.io/show-service-messages", "false").showServiceMessages());
    error(
        Res.deployment("w").ann("werf.io/show-service-messages", "yes"),
        "werf.io/show-service-messages");
  }

  // ---- dependencies

  @Test
  void deployDependencyIsParsed() {
    ClassifiedResource r =
        classify(
            Res.deployment("web")
                .ann(
                    "werf.io/deploy-dependency-db",
                    "state=ready, kind=StatefulSet, group=apps, version=v1, name=db, namespace=shop"));
    assertEquals(
        List.of(new Dependency("db", "StatefulSet", "apps", "v1", "db", "shop", true)),
        r.dependencies());
  }

  @Test
  void presentStateDoesNotWaitForReadiness() {
    ClassifiedResource r =
        classify(
            Res.deployment("web")
                .ann("werf.io/deploy-dependency-cfg", "state=present,kind=ConfigMap,name=c"));
    assertEquals(
        List.of(new Dependency("cfg", "ConfigMap", null, null, "c", null, false)),
        r.dependencies());
  }

  @Test
  void legacyDependencyAnnotationIsADeployDependencyOnPresence() {
    ClassifiedResource r =
        classify(
            Res.deployment("web")
                .ann("db.dependency.werf.io", "apps/v1:StatefulSet:db")
                .ann("cfg.dependency.werf.io", "v1:ConfigMap:other:settings")
                .ann("none.dependency.werf.io", ""));
    assertEquals(
        List.of(
            new Dependency("cfg", "ConfigMap", "", "v1", "settings", "other", false),
            new Dependency("db", "StatefulSet", "apps", "v1", "db", null, false)),
        r.dependencies());
    error(
        Res.deployment("web").ann("db.dependency.werf.io", "StatefulSet/db"),
        "db.dependency.werf.io");
  }

  @Test
  void deployDependencyWithoutStateIsAnError() {
    error(
        Res.deployment("web").ann("werf.io/deploy-dependency-db", "kind=StatefulSet,name=db"),
        "werf.io/deploy-dependency-db");
  }

  @Test
  void deleteDependencyNamesWhatMustBeGoneFirst() {
    ClassifiedResource r =
        classify(
            Res.deployment("web")
                .ann("werf.io/delete-dependency-db", "state=absent,kind=StatefulSet,name=postgres")
                .ann("werf.io/delete-dependency-all", "namespace=other"));
    assertEquals(
        List.of(
            new Dependency("all", null, null, null, null, "other", false),
            new Dependency("db", "StatefulSet", null, null, "postgres", null, false)),
        r.deleteDependencies());
    assertEquals(List.of(), r.dependencies(), "not a deploy dependency");
  }

  @Test
  void deleteDependencyMustNameAnObjectAndOnlyStateAbsent() {
    error(
        Res.deployment("web").ann("werf.io/delete-dependency-db", "state=ready,kind=StatefulSet"),
        "werf.io/delete-dependency-db");
    error(
        Res.deployment("web").ann("werf.io/delete-dependency-db", "state=absent"),
        "werf.io/delete-dependency-db");
    error(
        Res.deployment("web").ann("werf.io/delete-dependency-db", "kind=StatefulSet,colour=red"),
        "werf.io/delete-dependency-db");
  }

  @Test
  void deleteDependencyIsNotReadForHistoriesRecordedBeforeIt() {
    Res res = Res.deployment("w").ann("werf.io/delete-dependency-db", "state=ready");
    Classification c = Classifier.classify(List.of(res.meta()), Res.NS, Readings.NELM_131);
    assertEquals(List.of(), c.errors());
    assertEquals(List.of(), c.resources().get(0).deleteDependencies());
  }

  @Test
  void deployDependencyWithUnknownStateIsAnError() {
    error(
        Res.deployment("web")
            .ann("werf.io/deploy-dependency-db", "state=done,kind=StatefulSet,name=db"),
        "werf.io/deploy-dependency-db");
  }

  @Test
  void deployDependencyWithUnknownKeyIsAnErrorNamingThePart() {
    String e =
        error(
            Res.deployment("web")
                .ann(
                    "werf.io/deploy-dependency-db",
                    "state=ready,kind=StatefulSet,name=db,colour=red"),
            "werf.io/deploy-dependency-db");
    assertTrue(e.contains("colour=red"), e);
  }

  @Test
  void externalDependencyIsParsedWithItsNamespace() {
    ClassifiedResource r =
        classify(
            Res.deployment("web")
                .ann("api.external-dependency.werf.io/resource", "deployment.v1.apps/web")
                .ann("api.external-dependency.werf.io/namespace", "backend"));
    assertEquals(
        List.of(new ExternalDependency("api", "deployment", "v1", "apps", "web", "backend")),
        r.externalDependencies());
  }

  @Test
  void externalDependencyDefaultsToTheReleaseNamespace() {
    ClassifiedResource r =
        classify(
            Res.deployment("web")
                .ann("db.external-dependency.werf.io/resource", "secret/db-password"));
    assertEquals(
        List.of(new ExternalDependency("db", "secret", null, null, "db-password", Res.NS)),
        r.externalDependencies());
  }

  @Test
  void externalDependencyGroupMayHaveDots() {
    ClassifiedResource r =
        classify(
            Res.deployment("web")
                .ann(
                    "in.external-dependency.werf.io/resource",
                    "ingress.v1.networking.k8s.io/front"));
    assertEquals("networking.k8s.io", r.externalDependencies().get(0).group());
  }

  @ParameterizedTest
  @ValueSource(strings = {"deployment", "/web", "deployment/", "deployment/a/b"})
  void malformedExternalDependencyIsAnError(String value) {
    error(
        Res.deployment("web").ann("api.external-dependency.werf.io/resource", value),
        "api.external-dependency.werf.io/resource");
  }

  @Test
  void allBadAnnotationsOfAllResourcesAreReportedTogether() {
    Res web =
        Res.deployment("web").ann("werf.io/weight", "x").ann("werf.io/fail-mode", "Sometimes");
    Res job =
        Res.job("migrate")
            .source("shop/templates/jobs/migrate.yaml")
            .ann("werf.io/delete-propagation", "Sideways")
            .ann("werf.io/replicas-on-creation", "-3");
    List<String> errors = errors(web, job);
    assertEquals(4, errors.size(), () -> "errors: " + errors);
    assertReported(errors, "shop/templates/web.yaml", "Deployment/shop/web", "werf.io/weight");
    assertReported(errors, "shop/templates/web.yaml", "Deployment/shop/web", "werf.io/fail-mode");
    assertReported(
        errors,
        "shop/templates/jobs/migrate.yaml",
        "Job/shop/migrate",
        "werf.io/delete-propagation");
    assertReported(
        errors,
        "shop/templates/jobs/migrate.yaml",
        "Job/shop/migrate",
        "werf.io/replicas-on-creation");
  }

  @Test
  void errorsOfPerContainerAnnotationsComeInAStableOrder() {
    Res web = Res.deployment("web");
    List<String> annotations = new ArrayList<>();
    for (int i = 10; i < 30; i++) {
      annotations.add("werf.io/log-regex-for-c" + i);
      web.ann("werf.io/log-regex-for-c" + i, "(");
    }
    List<String> errors = errors(web);
    assertEquals(annotations.size(), errors.size());
    for (int i = 0; i < errors.size(); i++) {
      assertTrue(errors.get(i).contains(annotations.get(i) + ":"), errors.get(i));
    }
  }

  private static void assertReported(
      List<String> errors, String source, String resource, String annotation) {
    assertTrue(
        errors.stream()
            .anyMatch(e -> e.contains(source) && e.contains(resource) && e.contains(annotation)),
        () -> source + " " + resource + " " + annotation + " not in " + errors);
  }

  @Test
  void duplicateResourceIsAnErrorNamingBothFiles() {
    Res first = Res.configMap("c").source("shop/templates/a.yaml");
    Res second = Res.configMap("c").source("shop/charts/sub/templates/b.yaml");
    Classification c =
        Classifier.classify(List.of(first.meta(), second.meta()), Res.NS, Readings.LATEST);
    assertEquals(1, c.errors().size());
    String e = c.errors().get(0);
    assertTrue(
        e.contains("shop/templates/a.yaml") && e.contains("shop/charts/sub/templates/b.yaml"), e);
    assertTrue(e.contains("ConfigMap/shop/c") && e.contains("duplicate"), e);
    assertEquals(1, c.resources().size());
  }

  @Test
  void sameObjectUnderAnotherApiVersionIsAlsoADuplicate() {
    Res v1 = Res.of("autoscaling/v1", "HorizontalPodAutoscaler", "web");
    Res v2 =
        Res.of("autoscaling/v2", "HorizontalPodAutoscaler", "web")
            .source("shop/templates/hpa2.yaml");
    assertEquals(1, errors(v1, v2).size());
  }

  @Test
  void sameNameInAnotherKindOrNamespaceIsNoDuplicate() {
    assertEquals(
        List.of(),
        errors(
            Res.configMap("web"),
            Res.deployment("web"),
            Res.clusterScoped("rbac.authorization.k8s.io/v1", "ClusterRole", "web")));
  }
}
