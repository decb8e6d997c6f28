package com.seed83d379c3.tests.javarunner;

import com.google.gson.Gson;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.ProjectBackend;
import com.pulumi.automation.ProjectRuntimeName;
import com.pulumi.automation.ProjectSettings;
import com.pulumi.automation.UpOptions;
import com.seed83d379c3.examples.whoami.App;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the who-am-i example's program ({@link App#stack}) as an Automation
 * API inline program: the Pulumi CLI (found on PATH) runs the engine and this
 * process serves the Java language runtime itself, so no
 * pulumi-language-java is needed.
 *
 * <p>Usage: {@code Runner WORK_DIR PULUMI_HOME BACKEND_URL [KEY=VALUE]...},
 * KEY=VALUE being stack configuration. The CLI and the provider it starts
 * inherit this process's environment (PULUMI_CONFIG_PASSPHRASE, AWS_*).
 * Prints the stack's outputs as one line of JSON,
 * {@code {"name": {"value": ..., "secret": true|false}}}, on standard output;
 * the engine's output goes to standard error.
 */
public final class Runner {
    private Runner() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Runner WORK_DIR PULUMI_HOME BACKEND_URL [KEY=VALUE]...");
            System.exit(2);
        }
        var project = ProjectSettings.builder("who-am-i", ProjectRuntimeName.JAVA)
                .backend(ProjectBackend.builder().url(args[2]).build())
                .build();
        var options = LocalWorkspaceOptions.builder()
                .workDir(Path.of(args[0]))
                .pulumiHome(Path.of(args[1]))
                .projectSettings(project)
                .build();
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        try (var stack = LocalWorkspace.createOrSelectStack("who-am-i", "test", App::stack, options)) {
            for (int i = 3; i < args.length; i++) {
                var kv = args[i].split("=", 2);
                stack.setConfig(kv[0], new ConfigValue(kv[1]));
            }
            var result = stack.up(UpOptions.builder()
                    .onStandardOutput(System.err::println)
                    .onStandardError(System.err::println)
                    .build());
            result.outputs().forEach((name, v) -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("value", v.value());
                o.put("secret", v.isSecret());
                outputs.put(name, o);
            });
        }
        System.out.println(new Gson().toJson(outputs));
        // The SDK's gRPC threads may linger; the run is over.
        System.exit(0);
    }
}
