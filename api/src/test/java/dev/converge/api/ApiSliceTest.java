package dev.converge.api;

import dev.converge.api.bundle.BundleController;
import dev.converge.api.bundle.Bundles;
import dev.converge.api.converge.ConvergeController;
import dev.converge.api.converge.Converges;
import dev.converge.api.converge.EventFeed;
import dev.converge.api.drift.DriftController;
import dev.converge.api.drift.DriftSchedules;
import dev.converge.api.error.RequestSizeLimit;
import dev.converge.api.release.PlanController;
import dev.converge.api.release.ReleaseController;
import dev.converge.api.release.ReleaseOperations;
import dev.converge.api.release.ReleaseRevisions;
import dev.converge.api.release.ReleaseRuns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The web layer alone: controllers, auth interceptor, error advice, with the Temporal-facing
 * services mocked. Two tokens: {@link #ADMIN} may touch anything, {@link #SHOP} only namespace
 * {@code shop} in kube context {@code default}, and never approves a converge it started.
 */
@WebMvcTest(
    controllers = {
      ConvergeController.class,
      ReleaseController.class,
      ReleaseOperations.class,
      BundleController.class,
      PlanController.class,
      DriftController.class
    },
    properties = {
      "converge.api.tokens[0].name=admin",
      "converge.api.tokens[0].token=admin-token",
      "converge.api.tokens[0].contexts=*",
      "converge.api.tokens[0].namespaces=*",
      "converge.api.tokens[0].charts=*",
      "converge.api.tokens[0].registries=*",
      "converge.api.tokens[1].registries=oci://registry.local/shop-bundles,archive:dist",
      "converge.api.tokens[1].charts=examples/shop,oci://registry.local/shop",
      "converge.api.max-request-bytes=65536",
      "converge.api.tokens[1].name=shop-ci",
      "converge.api.tokens[1].token=shop-token",
      "converge.api.tokens[1].contexts=default",
      "converge.api.tokens[1].namespaces=shop",
      "converge.api.tokens[1].four-eyes=true",
      "converge.api.tokens[2].name=unset",
      "converge.api.tokens[2].token=",
      "converge.api.tokens[2].contexts=*",
      "converge.api.tokens[2].namespaces=*",
      "converge.api.events-interval=5ms"
    })
@Import({EventFeed.class, RequestSizeLimit.class})
public abstract class ApiSliceTest {
  public static final String ADMIN = "Bearer admin-token";
  public static final String SHOP = "Bearer shop-token";
  public static final String ID_PATH = "/api/v1/converges/converge/default/shop/shop";
  public static final String ID = "converge/default/shop/shop";

  @Autowired protected MockMvc mvc;
  @MockitoBean protected Converges converges;
  @MockitoBean protected ReleaseRevisions releases;
  @MockitoBean protected Bundles bundles;
  @MockitoBean protected ReleaseRuns runs;
  @MockitoBean protected DriftSchedules drift;
}
