/** A CLI command: takes its own arguments (after the command name) and resolves to an exit code. */
export type CliCommand = (args: string[]) => Promise<number>;
