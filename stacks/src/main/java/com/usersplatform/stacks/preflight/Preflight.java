package com.usersplatform.stacks.preflight;

import com.usersplatform.stacks.Cidr;
import com.usersplatform.stacks.ClusterConfig;
import com.usersplatform.stacks.DocumentationValues;
import com.usersplatform.stacks.ImageConfig;
import com.usersplatform.stacks.StackConfig;
import com.usersplatform.stacks.StackConfigException;
import com.usersplatform.stacks.StackConfigLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code bin/preflight [--no-images] STACK}: checks the live account and this machine against {@code
 * Pulumi.<STACK>.yaml} before {@code pulumi up}, for what an offline run cannot know. One line per problem, each
 * naming the stack key it concerns; exit 1 on any problem, 2 on wrong usage or an invalid stack file.
 */
public final class Preflight {

    private static final String PREFIX = StackConfig.PROJECT + ":";
    private static final int HTTPS = 443;
    static final String WAF_LOG_POLICY = "AWSWAF-LOGS";
    static final int MAX_LOG_RESOURCE_POLICIES = 10;
    static final int MAX_LOG_POLICY_CHARACTERS = 5120;
    /** What one more log group takes in the policy: its ARN (about 110 characters here) and JSON punctuation. */
    static final int ONE_LOG_GROUP_CHARACTERS = 200;

    private final StackConfig stack;
    private final LiveAccount live;
    private final List<String> problems = new ArrayList<>();

    Preflight(StackConfig stack, LiveAccount live) {
        this.stack = stack;
        this.live = live;
    }

    public static void main(String[] args) {
        System.exit(run(args, Path.of(""), new AwsCli("aws"), System.out, System.err));
    }

    static int run(String[] args, Path root, LiveAccount live, PrintStream out, PrintStream err) {
        boolean images = !(args.length == 2 && args[0].equals("--no-images"));
        if (args.length != (images ? 1 : 2)) {
            err.println("usage: bin/preflight [--no-images] STACK   (checks Pulumi.<STACK>.yaml against the live account)");
            return 2;
        }
        String name = args[args.length - 1];
        StackConfig config;
        try {
            config = StackConfigLoader.loadFile(root.resolve("Pulumi." + name + ".yaml"));
        } catch (StackConfigException e) {
            e.problems().forEach(problem -> err.println(problem));
            return 2;
        } catch (RuntimeException e) {
            err.println("error: cannot read Pulumi." + name + ".yaml: " + e.getMessage());
            return 2;
        }
        List<String> found = new Preflight(config, live).check(images);
        found.forEach(err::println);
        if (found.isEmpty()) {
            out.println("preflight " + name + ": ok (" + config.awsRegion() + ")");
        }
        return found.isEmpty() ? 0 : 1;
    }

    /** Every problem, one line each ({@code <key>: <what is wrong>}). */
    List<String> check(boolean images) {
        tools();
        DocumentationValues.of(stack).forEach(value -> problems.add(value + "; replace it before deploying"));
        caller();
        certificate();
        hostedZone();
        endpoint();
        chatWebhook();
        wafLogDelivery();
        if (images) {
            images();
        }
        return List.copyOf(problems);
    }

    private void tools() {
        for (String[] tool : new String[][] {{"pulumi", "Pulumi CLI (runs the deploy)"},
                {"aws", "AWS CLI (the kubeconfig's token command)"}}) {
            if (live.tool(tool[0]).isEmpty()) {
                problems.add("preflight: no " + tool[0] + " on PATH: the " + tool[1] + " is required");
            }
        }
        if (!live.jdk()) {
            problems.add("preflight: this Java is not a JDK: Pulumi compiles the program with Maven (JDK 21+)");
        }
    }

    /** The deploying identity must be a cluster admin: the cluster grants no rights to its creator. */
    private void caller() {
        ClusterConfig cluster = stack.cluster();
        String key = PREFIX + "cluster." + (cluster.deployPrincipalArn().isPresent() ? "deployPrincipalArn" : "adminPrincipalArns");
        ask(key, live::callerArn).ifPresent(caller -> {
            if (cluster.clusterAdminArns().stream().noneMatch(principal -> Principals.same(caller, principal))) {
                problems.add(key + ": the AWS credentials here are " + caller + ", which is none of the stack's"
                        + " cluster admins " + cluster.clusterAdminArns() + ": `pulumi up` would create the cluster"
                        + " but no Kubernetes object in it");
            }
        });
    }

    private void certificate() {
        String key = PREFIX + "ingress.certificateArn";
        stack.ingress().certificateArn().ifPresent(arn -> ask(key, () -> live.certificateStatus(arn, stack.awsRegion()))
                .ifPresent(status -> {
                    if (status.isEmpty()) {
                        problems.add(key + ": no certificate " + arn + " in " + stack.awsRegion()
                                + " (an ALB uses only certificates of its own region)");
                    } else if (!status.get().equals("ISSUED")) {
                        problems.add(key + ": certificate is " + status.get() + ", not ISSUED");
                    }
                }));
    }

    private void hostedZone() {
        String key = PREFIX + "ingress.hostedZoneId";
        stack.ingress().hostedZoneId().ifPresent(id -> ask(key, () -> live.hostedZone(id)).ifPresent(zone -> {
            if (zone.isEmpty()) {
                problems.add(key + ": no Route 53 hosted zone " + id + " in this account");
                return;
            }
            if (zone.get().privateZone()) {
                problems.add(key + ": zone " + zone.get().name() + " is private: the internet cannot resolve the gateway");
            }
            String host = stack.ingress().hostname().orElse("");
            if (!(host.equals(zone.get().name()) || host.endsWith("." + zone.get().name()))) {
                problems.add(key + ": ingress.hostname " + host + " is not in zone " + zone.get().name());
            }
        }));
    }

    /** This machine must reach the API endpoint: the program creates every Kubernetes object through it. */
    private void endpoint() {
        ClusterConfig cluster = stack.cluster();
        String key = PREFIX + "cluster.endpointAccess";
        Optional<Optional<String>> existing = ask(key, () -> live.clusterEndpoint(stack.resourcePrefix(), stack.awsRegion()));
        if (existing.isEmpty()) {
            return;
        }
        switch (cluster.endpointMode()) {
            case PRIVATE -> existing.get().ifPresentOrElse(url -> reach(key, url, "private"), () -> problems.add(key
                    + ": private: the cluster does not exist yet, so this machine cannot be inside its VPC; deploy"
                    + " the first time with publicCidrs or publicIamOnly, then switch to private"));
            case PUBLIC_CIDRS -> {
                String cidrsKey = PREFIX + "cluster.endpointPublicAccessCidrs";
                ask(cidrsKey, live::publicIp).ifPresent(ip -> {
                    if (cluster.endpointPublicAccessCidrs().stream().noneMatch(cidr -> Principals.contains(cidr, ip))) {
                        problems.add(cidrsKey + ": this machine's public address " + ip + " is in none of "
                                + cluster.endpointPublicAccessCidrs() + ": it could not reach the API endpoint");
                    }
                });
                existing.get().ifPresent(url -> reach(key, url, "publicCidrs"));
            }
            case PUBLIC_IAM_ONLY -> existing.get().ifPresent(url -> reach(key, url, "publicIamOnly"));
        }
    }

    private void reach(String key, String url, String mode) {
        String host = url.replaceFirst("^https://", "").replaceFirst("[:/].*$", "");
        if (!live.reachable(host, HTTPS)) {
            problems.add(key + ": " + mode + ": no connection to the cluster's API endpoint " + host + ":" + HTTPS
                    + " from this machine");
        }
    }

    /** The chat relay reads its webhook from this secret at every cold start; the program does not create it. */
    private void chatWebhook() {
        String key = PREFIX + "alerting.chatWebhookSecretName";
        stack.alerting().chatWebhookSecretName().ifPresent(name -> ask(key,
                () -> live.secretHoldsHttpsUrl(name, stack.awsRegion())).ifPresent(holds -> {
                    if (holds.isEmpty()) {
                        problems.add(key + ": no secret " + name + " in " + stack.awsRegion()
                                + ": create it with the chat webhook URL as its value");
                    } else if (!holds.get()) {
                        problems.add(key + ": secret " + name + " does not hold an https:// URL: the relay would"
                                + " refuse to post");
                    }
                }));
    }

    /**
     * WAF delivers its log to CloudWatch Logs through one account-level resource policy per region, AWSWAF-LOGS,
     * which it creates, or extends with each new log group, when logging is configured
     * (https://docs.aws.amazon.com/waf/latest/APIReference/API_LoggingConfiguration.html). An account has at most
     * 10 such policies per region
     * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html), each of at
     * most 5120 characters (https://docs.aws.amazon.com/step-functions/latest/dg/bp-cwl.html): past either, the WAF
     * logging configuration fails well into {@code pulumi up}.
     */
    private void wafLogDelivery() {
        if (!stack.waf().enabled()) {
            return;
        }
        String key = PREFIX + "waf.enabled";
        ask(key, () -> live.logResourcePolicies(stack.awsRegion())).ifPresent(policies -> {
            Integer wafPolicy = policies.get(WAF_LOG_POLICY);
            if (wafPolicy == null && policies.size() >= MAX_LOG_RESOURCE_POLICIES) {
                problems.add(key + ": " + stack.awsRegion() + " already has " + policies.size() + " CloudWatch Logs"
                        + " resource policies, the most an account may have, and none is " + WAF_LOG_POLICY
                        + ": WAF could not create the one its log needs; delete a policy nothing uses");
            } else if (wafPolicy != null && wafPolicy > MAX_LOG_POLICY_CHARACTERS - ONE_LOG_GROUP_CHARACTERS) {
                problems.add(key + ": the " + WAF_LOG_POLICY + " resource policy in " + stack.awsRegion() + " has "
                        + wafPolicy + " of its " + MAX_LOG_POLICY_CHARACTERS + " characters: WAF may not fit this"
                        + " stack's log group in it; remove the log groups of deleted web ACLs from it");
            }
        });
    }

    /** Nothing deploys a tag that was never pushed (the Deployment would wait in ImagePullBackOff until it times out). */
    private void images() {
        Map.of("gateway", stack.workloads().gateway().image(), "users", stack.workloads().users().image())
                .entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
                    ImageConfig image = entry.getValue();
                    String key = PREFIX + "workloads." + entry.getKey() + ".image.tag";
                    if (image.repository().isPresent()) {
                        return; // another registry: the nodes' pull is the operator's to check
                    }
                    String repository = stack.imageRepositoryName(entry.getKey());
                    ask(key, () -> live.imagePushed(repository, image.tag(), stack.awsRegion())).ifPresent(pushed -> {
                        if (pushed.isEmpty()) {
                            problems.add(key + ": ECR repository " + repository + " does not exist yet: create the"
                                    + " repositories and push the images first (docs/first-deploy.md)");
                        } else if (!pushed.get()) {
                            problems.add(key + ": " + image.tag() + " was never pushed to " + repository);
                        }
                    });
                });
    }

    /** Asks the live account; a question that cannot be answered is itself a problem of {@code key}. */
    private <T> Optional<T> ask(String key, Supplier<T> question) {
        try {
            return Optional.of(question.get());
        } catch (LiveAccount.Unavailable e) {
            problems.add(key + ": cannot check: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Matching rules for principals and addresses. */
    static final class Principals {

        private Principals() {
        }

        /**
         * Whether the caller is the configured principal. A role's session ARN
         * ({@code arn:aws:sts::<account>:assumed-role/<name>/<session>}) names the role without its path, so roles
         * compare by account and name.
         *
         * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns">IAM ARNs</a>
         */
        static boolean same(String caller, String configured) {
            if (caller.equals(configured)) {
                return true;
            }
            String[] c = caller.split(":", 6);
            String[] p = configured.split(":", 6);
            if (c.length < 6 || p.length < 6 || !c[4].equals(p[4])) {
                return false;
            }
            if (c[2].equals("sts") && c[5].startsWith("assumed-role/") && p[5].startsWith("role/")) {
                String role = c[5].split("/")[1];
                return p[5].substring(p[5].lastIndexOf('/') + 1).equals(role);
            }
            return false;
        }

        /** Whether IPv4 {@code ip} lies in {@code cidr}. */
        static boolean contains(String cidr, String ip) {
            Optional<Cidr> block = Cidr.parse(cidr);
            Optional<Cidr> host = Cidr.parse(ip + "/32");
            if (block.isEmpty() || host.isEmpty()) {
                return false;
            }
            long mask = block.get().prefixLength() == 0 ? 0 : (0xFFFFFFFFL << (32 - block.get().prefixLength())) & 0xFFFFFFFFL;
            return (host.get().address() & mask) == block.get().address();
        }
    }
}
