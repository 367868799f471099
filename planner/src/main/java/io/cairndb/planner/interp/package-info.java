/**
 * The plan interpreter: runs the common shapes of optimised Enumerable plans (scans, Calc, aggregates, sorts,
 * limits, joins, set operations, VALUES) directly, without generating and compiling Java for each statement.
 * Compiling with Janino was about half of a short statement's time; the interpreter turns a plan into a tree of
 * {@link io.cairndb.planner.interp.RowNode}s and {@link io.cairndb.planner.interp.Scalar}s once, at plan time.
 *
 * <p>It covers only operators and types whose semantics it reproduces exactly as Calcite's generated code
 * behaves (same Java value classes, same overflow and NULL behaviour, same exceptions and so the same SQLSTATEs);
 * for anything else {@link io.cairndb.planner.interp.PlanTranslator} throws {@link
 * io.cairndb.planner.interp.Unsupported} and the statement is compiled as before. {@link
 * io.cairndb.planner.interp.ExecutionMode#VERIFY} runs both and fails a statement whose results differ, which is
 * how the conformance corpus checks the interpreter. {@link io.cairndb.planner.interp.ConstantFolder} folds constant
 * expressions for the planner with the same closures (Calcite's executor compiles a class per folded expression).
 *
 * <p>Uses Calcite's relational algebra and linq4j enumerators, the planner's {@code exec} package (table scans,
 * the checked float division); nothing above the planner.
 */
package io.cairndb.planner.interp;
