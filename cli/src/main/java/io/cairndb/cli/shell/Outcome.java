package io.cairndb.cli.shell;

/** What the shell does after a line of input. */
public enum Outcome {
  /** Keep reading. */
  CONTINUE,
  /** The user asked to leave (\q, quit, exit). */
  QUIT,
  /** A statement or command failed; scripts stop here with a non-zero exit status. */
  FAILED
}
