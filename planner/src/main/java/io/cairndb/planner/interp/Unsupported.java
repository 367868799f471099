package io.cairndb.planner.interp;

/** A plan or expression shape the interpreter does not run; the statement is compiled instead. */
final class Unsupported extends RuntimeException {
    Unsupported(String what) {
        super(what, null, false, false);
    }
}
