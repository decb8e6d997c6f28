package com.seed83d379c3.tests.javarunner;

import com.google.gson.Gson;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.ProjectBackend;
import com.pulumi.automation.ProjectRuntimeName;
import com.pulumi.automation.ProjectSettings;
import com.pulumi.automation.UpOptions;
import com.pulumi.Context;
import com.seed83d379c3.examples.whoami.App;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a program as an Automation API inline program: the who-am-i example's
 * ({@link App#stack}) or {@link CredentialFunctions#stack}. The Pulumi CLI
 * (found on PATH) runs the engine and this process serves the Java language
 * runtime itself, so no pulumi-language-java is needed.
 *
 * <p>Usage: {@code Runner PROGRAM WORK_DIR PULUMI_HOME BACKEND_URL
 * [KEY=VALUE | secret:KEY=VALUE]...}, PROGRAM being {@code who-am-i} or
 * {@code credential-functions} and KEY=VALUE stack configuration (stored
 * encrypted with the {@code secret:} prefix). The CLI and the provider it starts
 * inherit this process's environment (PULUMI_CONFIG_PASSPHRASE, AWS_*).
 * Prints the stack's outputs as one line of JSON,
 * {@code {"name": {"value": ..., "secret": true|false}}}, on standard output;
 * the engine's output goes to standard error.
 */
public final class Runner {
    private Runner() {}

    public static void main(String[] args) throws Exception {
        Map<String, Consumer<Context>> programs = Map.of(
                "who-am-i", App::stack,
                "credential-functions", CredentialFunctions::stack);
        if (args.length < 4 || !programs.containsKey(args[0])) {
            System.err.println("usage: Runner who-am-i|credential-functions WORK_DIR PULUMI_HOME BACKEND_URL "
                    + "[KEY=VALUE | secret:KEY=VALUE]...");
            System.exit(2);
        }
        var name = args[0];
        var project = ProjectSettings.builder(name, ProjectRuntimeName.JAVA)
                .backend(ProjectBackend.builder().url(args[3]).build())
                .build();
        var options = LocalWorkspaceOptions.builder()
                .workDir(Path.of(args[1]))
                .pulumiHome(Path.of(args[2]))
                .projectSettings(project)
                .build();
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        try (var stack = LocalWorkspace.createOrSelectStack(name, "test", programs.get(name), options)) {
            for (int i = 4; i < args.length; i++) {
                var secret = args[i].startsWith("secret:");
                var kv = args[i].substring(secret ? "secret:".length() : 0).split("=", 2);
                stack.setConfig(kv[0], new ConfigValue(kv[1], secret));
            }
            var result = stack.up(UpOptions.builder()
                    .onStandardOutput(System.err::println)
                    .onStandardError(System.err::println)
                    .build());
            result.outputs().forEach((output, v) -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("value", v.value());
                o.put("secret", v.isSecret());
                outputs.put(output, o);
            });
        }
        System.out.println(new Gson().toJson(outputs));
        // The SDK's gRPC threads may linger; the run is over.
        System.exit(0);
    }
}
