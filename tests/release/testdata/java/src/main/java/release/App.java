package release;

import com.google.gson.Gson;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.UpOptions;
import com.seed83d379c3.awsidentity.AwsidentityFunctions;

import java.util.LinkedHashMap;
import java.util.Map;

/** Who am I, as an Automation API inline program; prints the outputs as JSON. */
public final class App {
    private App() {}

    public static void main(String[] args) throws Exception {
        Map<String, Object> outputs = new LinkedHashMap<>();
        try (var stack = LocalWorkspace.createOrSelectStack("release-java", "release", ctx -> {
            var me = AwsidentityFunctions.getCallerIdentity();
            ctx.export("accountId", me.applyValue(m -> m.accountId()));
            ctx.export("arn", me.applyValue(m -> m.arn()));
        })) {
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
