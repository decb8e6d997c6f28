// Runs a Pulumi program in this process through the Automation API (an
// inline program: the Node.js language host is not needed) on the local file
// backend and PULUMI_HOME that nodejs_test.go provides in the environment.
import * as os from "node:os";
import * as path from "node:path";
import * as fs from "node:fs";
import { LocalWorkspace, OutputMap, PulumiFn } from "@pulumi/pulumi/automation";

let counter = 0;

/** Environment variables nodejs_test.go sets; missing ones are an error. */
export function env(name: string): string {
    const v = process.env[name];
    if (!v) {
        throw new Error(`${name} is not set: run these tests with go test ./tests/nodejs (make test)`);
    }
    return v;
}

export interface UpResult {
    outputs: OutputMap;
    stdout: string;
    stateDir: string;
}

/**
 * Creates a new stack of an inline program, sets its config, runs
 * `pulumi up` and returns the stack outputs (values and secret flags).
 */
/** A configuration value; secret ones are stored encrypted. */
export type ConfigValue = string | { value: string; secret: boolean };

export async function up(
    projectName: string,
    program: PulumiFn,
    config: Record<string, ConfigValue> = {},
    envVars: Record<string, string> = {},
): Promise<UpResult> {
    const stateDir = env("PULUMI_BACKEND_URL").replace(/^file:\/\//, "");
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `${projectName}-`));
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: `test-${process.pid}-${++counter}`, projectName, program },
        {
            workDir,
            projectSettings: { name: projectName, runtime: "nodejs", backend: { url: env("PULUMI_BACKEND_URL") } },
            // The CLI, and so the provider it starts, gets these on top of this
            // process's environment.
            envVars: { PULUMI_CONFIG_PASSPHRASE: env("PULUMI_CONFIG_PASSPHRASE"), ...envVars },
        },
    );
    for (const [k, v] of Object.entries(config)) {
        await stack.setConfig(k, typeof v === "string" ? { value: v } : v);
    }
    const res = await stack.up();
    if (res.summary.result !== "succeeded") {
        throw new Error(`pulumi up: ${res.summary.result}\n${res.stdout}\n${res.stderr}`);
    }
    return { outputs: res.outputs, stdout: res.stdout, stateDir };
}

/** The text of every file in the state backend's folder. */
export function stateText(dir: string): string {
    let text = "";
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) {
            text += fs.readFileSync(path.join(entry.parentPath ?? (entry as any).path, entry.name), "utf8");
        }
    }
    return text;
}

/**
 * Runs fn with this process's environment changed as vars say (undefined
 * removes a variable), and puts it back afterwards. An inline program runs in
 * this process, and the CLI (and so the provider) inherits its environment.
 */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    const set = (values: Record<string, string | undefined>) => {
        for (const [k, v] of Object.entries(values)) {
            if (v === undefined) {
                delete process.env[k];
            } else {
                process.env[k] = v;
            }
        }
    };
    set(vars);
    try {
        return await fn();
    } finally {
        set(saved);
    }
}
