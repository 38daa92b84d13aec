package com.usersplatform.stacks.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@link LiveAccount} through the AWS CLI (a child process per question, JSON output), with the operator's own
 * credential chain (profile, SSO, environment) exactly as {@code pulumi up} and the kubeconfig's {@code aws eks
 * get-token} will use it. The CLI exits 254 when the service answered with an error; the error code in its message
 * tells "does not exist" from everything else.
 *
 * @see <a href="https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-returncodes.html">CLI return codes</a>
 */
public final class AwsCli implements LiveAccount {

    /** The CLI's exit status when the service returned an error. */
    static final int SERVICE_ERROR = 254;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT = Duration.ofSeconds(5);
    /** AWS's own "what is my address" endpoint: answers with the caller's public IPv4 address. */
    private static final URI CHECK_IP = URI.create("https://checkip.amazonaws.com");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String executable;

    /** @param executable the AWS CLI to run ({@code aws}, or a path) */
    public AwsCli(String executable) {
        this.executable = executable;
    }

    @Override
    public String callerArn() {
        return call("sts", "get-caller-identity").orElseThrow(() -> new Unavailable("no caller identity"))
                .path("Arn").asText();
    }

    @Override
    public Optional<String> certificateStatus(String arn, String region) {
        return call(List.of("ResourceNotFoundException"), "acm", "describe-certificate", "--certificate-arn", arn,
                "--region", region).map(json -> json.path("Certificate").path("Status").asText());
    }

    @Override
    public Optional<HostedZone> hostedZone(String id) {
        return call(List.of("NoSuchHostedZone"), "route53", "get-hosted-zone", "--id", id).map(json -> {
            JsonNode zone = json.path("HostedZone");
            return new HostedZone(zone.path("Name").asText().replaceFirst("\\.$", ""),
                    zone.path("Config").path("PrivateZone").asBoolean(false));
        });
    }

    @Override
    public Optional<String> clusterEndpoint(String name, String region) {
        return call(List.of("ResourceNotFoundException"), "eks", "describe-cluster", "--name", name, "--region", region)
                .map(json -> json.path("cluster").path("endpoint").asText());
    }

    @Override
    public Optional<Boolean> secretHoldsHttpsUrl(String name, String region) {
        return call(List.of("ResourceNotFoundException"), "secretsmanager", "get-secret-value", "--secret-id", name,
                "--region", region).map(json -> json.path("SecretString").asText("").strip().startsWith("https://"));
    }

    @Override
    public Optional<Boolean> imagePushed(String repository, String tag, String region) {
        List<String> command = List.of("ecr", "describe-images", "--repository-name", repository,
                "--image-ids", "imageTag=" + tag, "--region", region);
        Result result = run(command);
        if (result.exit() == SERVICE_ERROR && result.stderr().contains("RepositoryNotFoundException")) {
            return Optional.empty();
        }
        if (result.exit() == SERVICE_ERROR && result.stderr().contains("ImageNotFoundException")) {
            return Optional.of(false);
        }
        return Optional.of(parse(result, command).path("imageDetails").size() > 0);
    }

    /**
     * Policies attached to one log group carry {@code policyScope: RESOURCE}; older accounts and CLIs print no scope,
     * and those policies are account-level
     * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeResourcePolicies.html).
     */
    @Override
    public Map<String, Integer> logResourcePolicies(String region) {
        JsonNode json = call("logs", "describe-resource-policies", "--region", region)
                .orElseThrow(() -> new Unavailable("no resource policies"));
        Map<String, Integer> policies = new TreeMap<>();
        json.path("resourcePolicies").forEach(policy -> {
            if (!policy.path("policyScope").asText("ACCOUNT").equals("RESOURCE")) {
                policies.put(policy.path("policyName").asText(), policy.path("policyDocument").asText("").length());
            }
        });
        return policies;
    }

    @Override
    public String publicIp() {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(CONNECT).build().send(
                    HttpRequest.newBuilder(CHECK_IP).timeout(CONNECT).build(), HttpResponse.BodyHandlers.ofString());
            String ip = response.body().strip();
            if (response.statusCode() != 200 || !IPV4.matcher(ip).matches()) {
                throw new Unavailable(CHECK_IP + " answered " + response.statusCode());
            }
            return ip;
        } catch (IOException e) {
            throw new Unavailable("cannot learn this machine's public address from " + CHECK_IP + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    @Override
    public boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Optional<String> tool(String command) {
        try {
            Result result = exec(List.of(command, command.equals("pulumi") ? "version" : "--version"));
            return result.exit() == 0 ? Optional.of(result.stdout().strip().lines().findFirst().orElse("")) : Optional.empty();
        } catch (Unavailable e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean jdk() {
        return javax.tools.ToolProvider.getSystemJavaCompiler() != null;
    }

    /** Runs {@code aws <args> --output json}; a service error whose message holds one of {@code notFound} is empty. */
    private Optional<JsonNode> call(List<String> notFound, String... args) {
        List<String> command = List.of(args);
        Result result = run(command);
        if (result.exit() == SERVICE_ERROR && notFound.stream().anyMatch(result.stderr()::contains)) {
            return Optional.empty();
        }
        return Optional.of(parse(result, command));
    }

    private Optional<JsonNode> call(String... args) {
        return call(List.of(), args);
    }

    private Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        command.addAll(List.of("--output", "json"));
        return exec(command);
    }

    private static JsonNode parse(Result result, List<String> args) {
        if (result.exit() != 0) {
            String message = result.stderr().strip().lines().reduce((a, b) -> b).orElse("exit " + result.exit());
            throw new Unavailable("aws " + String.join(" ", args.subList(0, 2)) + " failed: " + message);
        }
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new Unavailable("aws " + String.join(" ", args.subList(0, 2)) + " printed no JSON");
        }
    }

    private static Result exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Unavailable(command.get(0) + " did not answer within " + TIMEOUT.toSeconds() + " s");
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new Unavailable("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }
}
