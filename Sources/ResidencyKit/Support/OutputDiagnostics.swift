/// The problems of outputs: paths refused before a run reads anything (E1601–E1606), a write
/// that failed with nothing replaced (E1607), and another run writing the same folder (E1608).
/// Every message starts "cannot write PATH (OPTION)": the report, and the option that named it.
extension Diagnostic {
    /// E1601: `--markdown ""`, what an unset `$GITHUB_STEP_SUMMARY` gives.
    static func emptyOutputPath(_ target: OutputTarget) -> Diagnostic {
        let option = target.option
        return .error(
            .E1601, "cannot write \(option): its path is empty", at: nil,
            help:
                "an unset variable gives an empty path (\(option) \"$GITHUB_STEP_SUMMARY\" outside GitHub Actions); name a "
                + (target.kind == .folder ? "folder" : "file") + ", or leave \(option) out"
        )
    }

    /// E1602: a device, FIFO or socket, directly or through a link: a report replaces its
    /// file, so writing one "to /dev/null" would replace the device.
    static func outputIsSpecial(_ target: OutputTarget, kind: String, link: String?) -> Diagnostic {
        .error(
            .E1602,
            "cannot write \(target.label): it is \(link.map { "a symbolic link to \($0), " } ?? "")\(kind), not a file",
            at: nil,
            help:
                "a report is written as a new file that replaces the old one, so it would replace the device or pipe; name a regular file, or leave \(target.option) out to write nothing"
        )
    }

    /// E1603: a path that cannot be an output of its kind: a folder for a file, a file for
    /// `--junit-dir`, a path under a file, a loop of links, a path that cannot be looked at.
    static func outputPath(_ target: OutputTarget, _ problem: String, help: String?) -> Diagnostic {
        .error(.E1603, "cannot write \(target.label): \(problem)", at: nil, help: help)
    }

    /// E1604: an output that is one of the run's inputs (or a folder output that holds one).
    static func outputIsInput(_ target: OutputTarget, _ input: InputPath) -> Diagnostic {
        let which =
            input.option.isEmpty
            ? "the run reads \(OutputPaths.display(input.path)) as an input"
            : "it is an input of this run (\(input.option) \(input.path))"
        return .error(
            .E1604, "cannot write \(target.label): \(target.kind == .folder ? "it holds an input: " : "")\(which)",
            at: nil, help: "an output written over an input would destroy it; write outputs elsewhere, such as reports/")
    }

    /// E1605: two outputs that name one file, or a file inside the `--junit-dir` folder.
    static func outputNamedTwice(_ target: OutputTarget, _ first: OutputTarget, nested: Bool) -> Diagnostic {
        let problem: String
        if !nested {
            problem = "\(first.option) writes it too"
        } else if first.kind == .folder {
            problem = "it is inside the \(first.option) folder \(first.path), which each run replaces as a whole"
        } else {
            problem = "the \(first.option) file \(first.path) is inside it, and each run replaces it as a whole"
        }
        return .error(
            .E1605, "cannot write \(target.label): \(problem)", at: nil,
            help: "give each output its own file")
    }

    /// E1606: a `--junit-dir` or `--html-dir` folder residency did not write; replacing it
    /// would delete it.
    static func outputFolderNotOurs(_ target: OutputTarget) -> Diagnostic {
        .error(
            .E1606,
            "cannot write \(target.label): it exists and is not a folder residency wrote (no \(target.folderMarker))",
            at: nil,
            help: "each run replaces the folder as a whole, which would delete what else is in it; give a new or empty folder")
    }

    /// E1607: an output that could not be written; none of the run's outputs was replaced
    /// (the notes say what could not be put back, if anything).
    static func outputNotWritten(_ target: OutputTarget, _ reason: String, notes: [String]) -> Diagnostic {
        var diagnostic = Diagnostic.error(.E1607, "cannot write \(target.label): \(reason)", at: nil)
        for note in notes { diagnostic = diagnostic.noting(note) }
        return diagnostic
    }

    /// E1608: another run writes in the same folder, or its lock cannot be taken.
    static func outputFolderBusy(_ target: OutputTarget, _ problem: String) -> Diagnostic {
        .error(
            .E1608, "cannot write \(target.label): \(problem)", at: nil,
            help:
                "runs that write in one folder take turns, so that their reports never mix; wait for the other run, or set RESIDENCY_LOCK_WAIT (seconds) to wait longer"
        )
    }
}
