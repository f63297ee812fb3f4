package dev.metakube.evidence.text;

import static dev.metakube.evidence.text.ReaderAssertions.found;
import static dev.metakube.evidence.text.ReaderAssertions.notFound;
import static dev.metakube.evidence.text.ReaderAssertions.text;
import static dev.metakube.evidence.text.ReaderAssertions.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ImagePullReaderTest {
    @Test
    void tagWithoutManifest() {
        TextFinding f = found("Failed to pull image \"quay.io/acme/billing:2.4.1-rc3\": rpc error: code = NotFound "
                + "desc = failed to resolve reference \"quay.io/acme/billing:2.4.1-rc3\": quay.io/acme/billing:2.4.1-rc3: not found",
                "image-pull-tag-missing");
        value(f, "repo", "quay.io/acme/billing");
        value(f, "tag", "2.4.1-rc3");
        value(f, "registry", "quay.io");
    }

    @Test
    void repositoryThatDoesNotExist() {
        value(found("Error response from daemon: pull access denied for acmee/billing, repository does not exist "
                + "or may require 'docker login'", "image-pull-repository-missing"), "repo", "acmee/billing");
    }

    @Test
    void missingCredentialsOutweighTheAmbiguousDenial() {
        found("failed to resolve reference \"harbor.example/risk/api:2.0\": pull access denied, repository does not exist "
                + "or may require authorization: authorization failed: no basic auth credentials", "registry-unauthorized");
    }

    @Test
    void statusWithoutTheRegistryMessageStillNamesTheImage() {
        TextFinding f = found(text("    Image:          acme/billing:latest", "      Reason:       ErrImagePull"),
                "image-pull-repository-missing");
        value(f, "image", "acme/billing:latest");
        notFound(text("    Image:          acme/billing:latest", "    State:          Running"),
                "image-pull-repository-missing");
    }

    @Test
    void platformRateLimitAndLegacyRegistry() {
        found("failed to pull and unpack image \"ghcr.io/acme/tool:1.0\": no match for platform in manifest: not found",
                "image-pull-no-platform");
        value(found("Failed to pull image \"redis:7\": toomanyrequests: You have reached your pull rate limit.",
                "image-pull-dockerhub-rate-limit"), "registryname", "Docker Hub (docker.io)");
        found("Failed to pull image \"k8s.gcr.io/pause:3.2\": failed to resolve reference: unexpected status 403",
                "image-pull-legacy-registry");
    }

    @Test
    void referencesAreSplit() {
        assertArrayEquals(new String[] {"nginx", "latest", "docker.io"}, ImagePullReader.parts("nginx"));
        assertArrayEquals(new String[] {"localhost:5000/app", "v1", "localhost:5000"},
                ImagePullReader.parts("localhost:5000/app:v1"));
    }
}
