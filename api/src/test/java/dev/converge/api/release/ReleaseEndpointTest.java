package dev.converge.api.release;

import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.converge.api.ApiSliceTest;
import dev.converge.api.error.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.http.HttpHeaders;

class ReleaseEndpointTest extends ApiSliceTest {

  @Test
  void revisionsAreListedNewestFirstFromTheDefaultContext() throws Exception {
    when(releases.revisions("default", "shop", "shop"))
        .thenReturn(
            new ReleaseView(
                "shop",
                "shop",
                "default",
                List.of(
                    new Revision(
                        2,
                        "deployed",
                        Instant.parse("2026-11-02T10:05:00Z"),
                        null,
                        "sh.helm.release.v1.shop.v2"),
                    new Revision(
                        1,
                        "superseded",
                        Instant.parse("2026-11-02T10:00:00Z"),
                        null,
                        "sh.helm.release.v1.shop.v1"))));

    mvc.perform(get("/api/v1/releases/shop/shop").header(HttpHeaders.AUTHORIZATION, SHOP))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.revisions[0].revision").value(2))
        .andExpect(jsonPath("$.revisions[0].status").value("deployed"))
        .andExpect(jsonPath("$.revisions[1].status").value("superseded"))
        .andExpect(jsonPath("$.revisions[0].modifiedAt").value("2026-11-02T10:05:00Z"));
  }

  @Test
  void aReleaseWithoutRevisionsOrAnUnconfiguredContextIs404() throws Exception {
    when(releases.revisions("default", "shop", "gone"))
        .thenThrow(new NotFoundException("no release gone in namespace shop"));
    when(releases.revisions("elsewhere", "shop", "shop"))
        .thenThrow(new NotFoundException("kube context elsewhere is not configured"));

    mvc.perform(get("/api/v1/releases/shop/gone").header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("no release gone in namespace shop"));
    mvc.perform(
            get("/api/v1/releases/shop/shop?kubeContext=elsewhere")
                .header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isNotFound());
  }

  @Test
  void aNameKubernetesWouldRefuseIs400BeforeTheClusterIsAsked() throws Exception {
    mvc.perform(get("/api/v1/releases/shop/bad_name").header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("release"));
    // A control character never reaches routing: the firewall refuses the URL and says why.
    mvc.perform(get("/api/v1/releases/shop/%C2%93w").header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value(Matchers.startsWith("refused: ")));
    mvc.perform(get("/api/v1/releases/Shop_NS/shop").header(HttpHeaders.AUTHORIZATION, ADMIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields[0].field").value("namespace"));
    Mockito.verifyNoInteractions(releases);
  }
}
