package dev.metakube.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.RemediationStep;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CommandCheckerTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "kubectl get pods -n shop -o wide",
        "kubectl -n shop get po --show-labels",
        "kubectl describe pod checkout-7d9f8b6c5-x2kqp -n shop",
        "kubectl logs checkout-7d9f8b6c5-x2kqp -n shop -c checkout --previous --tail=200",
        "kubectl logs -n kube-system -l k8s-app=kube-dns -f",
        "kubectl logs deploy/metrics-server -n kube-system",
        "kubectl get events -n shop --sort-by=.lastTimestamp --field-selector reason=FailedScheduling",
        "kubectl set resources deployment/api -n prod -c api --limits=memory=1Gi --requests=cpu=250m",
        "kubectl set image deploy/api api=registry.example.com/api:1.4.2 -n prod",
        "kubectl rollout restart deployment coredns -n kube-system",
        "kubectl rollout undo deploy/api --to-revision=3",
        "kubectl rollout status statefulset/db -n data --timeout=120s",
        "kubectl scale deploy/api --replicas=4 -n prod",
        "kubectl patch svc api -n prod -p '{\"spec\":{\"selector\":{\"app\":\"api\"}}}'",
        "kubectl patch deployment api --type=json -p='[{\"op\":\"remove\",\"path\":\"/spec/x\"}]'",
        "kubectl get svc,endpoints -n shop",
        "kubectl get certificates.cert-manager.io -A",
        "kubectl get networkpolicy -n shop -o yaml",
        "kubectl top pod api-1 -n prod --containers",
        "kubectl top nodes",
        "kubectl auth can-i list pods -n shop --as=system:serviceaccount:shop:api",
        "kubectl uncordon worker-07",
        "kubectl cordon worker-07",
        "kubectl exec -it api-1 -n prod -- sh -c 'nslookup db.data.svc.cluster.local'",
        "kubectl run dnscheck -n shop --rm -it --image=busybox:1.36 --restart=Never -- nslookup api",
        "kubectl apply -f fix.yaml --server-side",
        "kubectl create secret docker-registry regcred --docker-server=ghcr.io --docker-username=bot -n shop",
        "kubectl taint nodes worker-3 dedicated=ml:NoSchedule-",
        "kubectl label node worker-3 disktype=ssd --overwrite",
        "kubectl describe pod <pod> -n <namespace>",
        "kubectl set resources {workload|deployment/<name>} -n {namespace} --limits=memory=1Gi",
        "kubectl port-forward svc/api -n prod 8080:80",
        "kubectl explain pod.spec.tolerations",
        "kubectl wait --for=condition=Ready pod/api-1 -n prod --timeout=60s",
        "kubectl get pvc data-db-0 -n data -o jsonpath='{.status.phase}'",
    })
    void acceptsRealCommands(String command) {
        List<CommandCheck> checks = CommandChecker.check(command);
        assertEquals(1, checks.size(), command);
        assertTrue(checks.get(0).valid(), command + " -> " + checks.get(0).problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "kubectl restart deployment api",
        "kubectl get pods --namespaces shop",
        "kubectl get podz -n shop",
        "kubectl describe deploymentz/api",
        "kubectl rollout reboot deploy/api",
        "kubectl scale deploy/api --replica=3",
        "kubectl logs",
        "kubectl drain",
        "kubectl delete",
        "kubectl set resources",
        "kubectl top container api",
        "kubectl run debug -n shop",
        "kubectl taint pods api-1 x=y:NoSchedule",
        "kubectl logs api-1 --tail",
        "kubectl get pods --follow",
        "kubectl",
    })
    void rejectsBrokenCommands(String command) {
        List<CommandCheck> checks = CommandChecker.check(command);
        assertEquals(1, checks.size(), command);
        assertFalse(checks.get(0).valid(), command + " was accepted");
        assertFalse(checks.get(0).problems().isEmpty(), command);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "kubectl delete namespace payments",
        "kubectl delete ns payments",
        "kubectl delete pvc data-db-0 -n data",
        "kubectl delete pod api-1 --grace-period=0 --force",
        "kubectl drain worker-3 --ignore-daemonsets --delete-emptydir-data",
        "kubectl delete crd certificates.cert-manager.io",
        "kubectl delete pods --all -n shop",
        "kubectl replace --force -f deploy.yaml",
        "kubectl scale deploy/api --replicas=0",
        "kubectl taint nodes worker-3 maintenance=true:NoExecute",
        "kubectl delete pod api-1",
    })
    void flagsDestructiveCommands(String command) {
        CommandCheck c = CommandChecker.check(command).get(0);
        assertTrue(c.valid(), command + " -> " + c.problems());
        assertTrue(c.destructive(), command);
        assertFalse(c.why().isBlank(), command);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "kubectl get pods -A",
        "kubectl rollout restart deploy/api",
        "kubectl scale deploy/api --replicas=3",
        "kubectl taint nodes worker-3 dedicated=ml:NoSchedule",
        "kubectl uncordon worker-3",
        "kubectl logs api-1 -f",
    })
    void leavesSafeCommandsUnflagged(String command) {
        CommandCheck c = CommandChecker.check(command).get(0);
        assertTrue(c.valid(), command + " -> " + c.problems());
        assertFalse(c.destructive(), command + ": " + c.why());
    }

    @Test
    void namespaceDeletionSaysWhatItDoes() {
        CommandCheck c = CommandChecker.check("kubectl delete namespace payments").get(0);
        assertEquals("delete", c.verb());
        assertEquals("namespaces", c.resource());
        assertTrue(c.why().contains("namespace"), c.why());
    }

    @Test
    void findsEveryKubectlInPipelinesAndListsAndSkipsOtherPrograms() {
        List<CommandCheck> checks = CommandChecker.check(
                "kubectl logs -n kube-system -l k8s-app=kube-dns | grep -i loop && kubectl rollout restart "
                        + "deployment coredns -n kube-system; crictl rmi --prune # then\nsudo kubectl get nodes");
        assertEquals(3, checks.size(), checks.toString());
        assertEquals(List.of("logs", "rollout", "get"), checks.stream().map(CommandCheck::verb).toList());
        assertTrue(checks.stream().allMatch(CommandCheck::valid), checks.toString());
        assertTrue(CommandChecker.check("helm upgrade api ./chart -f values.yaml").isEmpty());
        assertTrue(CommandChecker.check("").isEmpty());
    }

    @Test
    void quotesAndCommentsDoNotSplitCommands() {
        List<CommandCheck> checks = CommandChecker.check(
                "kubectl patch svc api -p '{\"a\":\"x|y;z\"}'   # fixes the selector; really");
        assertEquals(1, checks.size(), checks.toString());
        assertTrue(checks.get(0).valid(), checks.get(0).problems().toString());
    }

    @Test
    void marksDestructiveStepsThatWereNotMarked() {
        List<RemediationStep> steps = List.of(
                new RemediationStep("Drain the node", "kubectl drain worker-3 --ignore-daemonsets", false),
                new RemediationStep("Check it", "kubectl get nodes", false));
        List<RemediationStep> flagged = CommandChecker.flagDestructive(steps);
        assertTrue(flagged.get(0).destructive());
        assertFalse(flagged.get(1).destructive());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "helm uninstall payments -n prod",
        "sudo kubeadm reset -f",
        "ETCDCTL_API=3 etcdctl snapshot restore /backup/etcd.db --data-dir /var/lib/etcd-new",
        "etcdctl defrag --cluster",
        "etcdctl member remove 8e9e05c52164694d",
        "rm -rf /var/lib/kubelet/pods/stale",
        "mkfs.ext4 /dev/sdb1",
        "crictl rmi --prune",
        "kubectl get pods -n prod | xargs kubectl delete pod",
    })
    void judgesOtherProgramsByTheirSubcommand(String command) {
        assertTrue(CommandChecker.isDestructive(command), command);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "helm history payments -n prod",
        "helm rollback payments 3 -n prod",
        "etcdctl snapshot save /backup/etcd.db",
        "etcdctl member list",
        "crictl ps -a",
        "systemctl restart kubelet",
        "kubectl describe pod deleted-records-api-0",
        "kubectl get pods -n rm",
    })
    void leavesHarmlessCommandsOfOtherProgramsAlone(String command) {
        assertFalse(CommandChecker.isDestructive(command), command + ": " + CommandChecker.destructive(command));
    }

    @Test
    void linearOnLongAdversarialInput() {
        String junk = "kubectl get pods '".repeat(20_000) + "\"\\".repeat(20_000);
        long t0 = System.nanoTime();
        CommandChecker.check(junk);
        assertTrue((System.nanoTime() - t0) / 1e9 < 2, "took too long");
    }
}
