package dev.metakube.evidence.text;

import static dev.metakube.evidence.text.ReaderAssertions.found;
import static dev.metakube.evidence.text.ReaderAssertions.notFound;
import static dev.metakube.evidence.text.ReaderAssertions.text;
import static dev.metakube.evidence.text.ReaderAssertions.value;

import org.junit.jupiter.api.Test;

class PullSecretReaderTest {
    @Test
    void theKubeletNamesTheMissingPullSecret() {
        value(found("Warning  FailedToRetrieveImagePullSecret  kubelet  Unable to retrieve some image pull secrets "
                + "(regcred); attempting to pull the image may not succeed.", "image-pull-secret-missing"),
                "secret", "regcred");
    }

    @Test
    void aSecretNotFoundThatTheYamlListsUnderImagePullSecretsIsAPullSecret() {
        String values = text("image:", "  repository: acme/api", "imagePullSecrets:", "  - name: registry-login",
                "service:", "  port: 80");
        value(found(values + "\nWarning  FailedMount  MountVolume.SetUp failed for volume \"creds\" : "
                + "secrets \"registry-login\" not found", "image-pull-secret-missing"), "secret", "registry-login");
        value(found("{\"spec\": {\"imagePullSecrets\": [{\"name\": \"ghcr-token\"}]}}\n"
                + "Error: secret \"ghcr-token\" not found", "image-pull-secret-missing"), "secret", "ghcr-token");
    }

    @Test
    void anotherSecretNotFoundIsNotAPullSecret() {
        String values = text("imagePullSecrets:", "  - name: registry-login", "env:", "  - name: db-password");
        notFound(values + "\nError: secret \"db-password\" not found", "image-pull-secret-missing");
        notFound("Error: secret \"registry-login\" not found", "image-pull-secret-missing");
    }
}
