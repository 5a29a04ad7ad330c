import Testing

extension Trait where Self == TimeLimitTrait {
    /// For a test whose failure mode is a hang (a FIFO opened for reading, an answer that never
    /// ends): a time limit far above its normal time. One minute was too tight on a loaded
    /// 2-core machine, where every such test of a run hit it at the same moment, 115 s in,
    /// while a build ran beside it; a real hang still fails the test, three minutes in.
    static var hangGuard: Self { .timeLimit(.minutes(3)) }
}
