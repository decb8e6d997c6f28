package release;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.PluginInstallOptions;
import com.pulumi.automation.PluginKind;
import com.pulumi.automation.UpOptions;
import com.seed83d379c3.awsidentity.AwsidentityFunctions;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who am I, as an Automation API inline program; prints the outputs as JSON.
 *
 * <p>pulumi-java 1.12.0's generated SDK passes the plugin's version to its
 * invokes but not its pluginDownloadURL; pulumi-language-java supplies it by
 * reading the SDK jar's plugin.json before the program runs. An inline
 * program has no language host, so it does the same: it reads plugin.json
 * from the SDK on its class path and has the engine install that plugin from
 * that server (`pulumi plugin install resource NAME VERSION --server URL`).
 */
public final class App {
    private App() {}

    public static void main(String[] args) throws Exception {
        JsonObject plugin;
        try (var in = App.class.getClassLoader().getResourceAsStream("com/seed83d379c3/aws-identity/plugin.json")) {
            plugin = new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), JsonObject.class);
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        try (var stack = LocalWorkspace.createOrSelectStack("release-java", "release", ctx -> {
            var me = AwsidentityFunctions.getCallerIdentity();
            ctx.export("accountId", me.applyValue(m -> m.accountId()));
            ctx.export("arn", me.applyValue(m -> m.arn()));
        })) {
            stack.workspace().installPlugin(plugin.get("name").getAsString(), plugin.get("version").getAsString(),
                    PluginInstallOptions.builder()
                            .kind(PluginKind.RESOURCE)
                            .serverUrl(plugin.get("server").getAsString())
                            .build());
            var result = stack.up(UpOptions.builder()
                    .onStandardOutput(System.err::println)
                    .onStandardError(System.err::println)
                    .build());
            result.outputs().forEach((name, v) -> outputs.put(name, v.value()));
        }
        System.out.println(new Gson().toJson(outputs));
        System.exit(0);
    }
}
