// The Pulumi entry point: Pulumi's Node.js runtime calls the exported
// function and turns the record it resolves to into the stack's outputs.
// The program itself lives in program.ts, so that tests can hand the same
// function to the Automation API as an inline program.
import { program } from "./program";

export = program;
