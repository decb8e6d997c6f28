"""Helpers for the Python SDK tests: run a Pulumi program in this process
through the Automation API (an inline program: the Python language host is
not needed) on the local file backend and PULUMI_HOME that python_test.go
provides in the environment."""
import importlib.util
import itertools
import os
import pathlib
import tempfile

from pulumi import automation as auto

ACCOUNT = "123456789012"
REPO = pathlib.Path(__file__).resolve().parents[2]
_counter = itertools.count(1)


def env(name: str) -> str:
    """An environment variable python_test.go sets; a missing one is an error."""
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run these tests with go test ./tests/python (make test)")
    return value


def load_example(name: str):
    """The module program.py of examples/python/<name>, under a unique name."""
    path = REPO / "examples" / "python" / name / "program.py"
    spec = importlib.util.spec_from_file_location(f"example_{name.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Up:
    def __init__(self, outputs, stdout, state_dir):
        self.outputs = outputs
        self.stdout = stdout
        self.state_dir = state_dir

    def value(self, key):
        assert key in self.outputs, f"output {key} is missing"
        return self.outputs[key].value

    def secret(self, key):
        return self.outputs[key].secret

    def values(self):
        return {k: v.value for k, v in self.outputs.items()}

    def state_text(self) -> str:
        return "".join(p.read_text() for p in pathlib.Path(self.state_dir).rglob("*") if p.is_file())


def up(project_name, program, config=None, env_vars=None) -> Up:
    """Create a new stack of an inline program, set its config (plain
    strings, or auto.ConfigValue for secrets), run `pulumi up` and return its
    outputs (values and secret flags)."""
    backend = env("PULUMI_BACKEND_URL")
    stack = auto.create_or_select_stack(
        stack_name=f"test-{os.getpid()}-{next(_counter)}",
        project_name=project_name,
        program=program,
        opts=auto.LocalWorkspaceOptions(
            work_dir=tempfile.mkdtemp(prefix=f"{project_name}-"),
            project_settings=auto.ProjectSettings(
                name=project_name, runtime="python", backend=auto.ProjectBackend(url=backend)),
            # The CLI, and so the provider it starts, gets these on top of
            # this process's environment.
            env_vars={"PULUMI_CONFIG_PASSPHRASE": env("PULUMI_CONFIG_PASSPHRASE"), **(env_vars or {})},
        ),
    )
    for key, value in (config or {}).items():
        stack.set_config(key, value if isinstance(value, auto.ConfigValue) else auto.ConfigValue(value=value))
    res = stack.up()
    assert res.summary.result == "succeeded", f"pulumi up: {res.summary.result}\n{res.stdout}\n{res.stderr}"
    return Up(res.outputs, res.stdout, backend.removeprefix("file://"))
