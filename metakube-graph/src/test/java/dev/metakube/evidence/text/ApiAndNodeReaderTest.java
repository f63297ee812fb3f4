package dev.metakube.evidence.text;

import static dev.metakube.evidence.text.ReaderAssertions.found;
import static dev.metakube.evidence.text.ReaderAssertions.notFound;
import static dev.metakube.evidence.text.ReaderAssertions.text;
import static dev.metakube.evidence.text.ReaderAssertions.value;

import org.junit.jupiter.api.Test;

class ApiAndNodeReaderTest {
    @Test
    void rbacDenialOfTheDefaultServiceAccount() {
        TextFinding f = found("E0301 reflector.go:201] Failed to list *v1.Pod: pods is forbidden: User "
                + "\"system:serviceaccount:monitoring:default\" cannot list pods at the cluster scope",
                "rbac-default-serviceaccount");
        value(f, "saspace", "monitoring");
        value(f, "verb", "list");
        value(f, "resource", "pods");
        value(f, "scope", "at the cluster scope");
    }

    @Test
    void rbacDenialInAnApiGroup() {
        TextFinding f = found("Error from server (Forbidden): deployments.extensions is forbidden: User "
                + "\"system:serviceaccount:ci:deployer\" cannot list resource \"deployments\" in API group "
                + "\"extensions\" in the namespace \"ci\"", "rbac-forbidden-api-group");
        value(f, "serviceaccount", "deployer");
        value(f, "resourceref", "deployments.extensions");
        value(f, "scope", "in namespace ci");
        notFound("User \"system:serviceaccount:ci:deployer\" cannot list resource \"pods\" in API group \"\" in the namespace \"ci\"",
                "rbac-forbidden-api-group");
    }

    @Test
    void kubeletClientCertificateExpired() {
        TextFinding f = found("E0125 bootstrap.go:265] part of the existing bootstrap client certificate in "
                + "/etc/kubernetes/kubelet.conf is expired: 2025-11-15 15:14:17 +0000 UTC", "kubelet-client-cert-expired");
        value(f, "certfile", "/etc/kubernetes/kubelet.conf");
        value(f, "date", "2025-11-15 15:14:17 +0000 UTC");
    }

    @Test
    void servingCertificateFromOpenssl() {
        TextFinding f = found(text("$ sudo openssl x509 -enddate -noout -in /var/lib/kubelet/pki/kubelet.crt",
                "notAfter=Jan  2 03:04:05 2025 GMT"), "certificate-file-expired");
        value(f, "certrole", "kubelet serving certificate");
        notFound("notAfter=Jan  2 03:04:05 2025 GMT", "certificate-file-expired");
    }

    @Test
    void clockBridgeAndHostNetworkDns() {
        found("rafthttp: the clock difference against peer 1a2b3c is too high [1.2s > 1s]", "etcd-clock-difference");
        value(found("net.bridge.bridge-nf-call-iptables = 0", "bridge-netfilter-off"), "sysctl",
                "net.bridge.bridge-nf-call-iptables");
        notFound("net.bridge.bridge-nf-call-iptables = 1", "bridge-netfilter-off");
        found(text("    hostNetwork: true", "nslookup: can't resolve 'orders': Name does not resolve"),
                "hostnetwork-dns-policy");
        notFound(text("nslookup: can't resolve 'orders': Name does not resolve"), "hostnetwork-dns-policy");
    }
}
