"""The Pulumi entry point. The program itself is program() in program.py, so
that tests can hand the same function to the Automation API as an inline
program."""
from program import program

program()
