/// A diagnostic's code with what it means: the one list of every code residency emits. Codes
/// are stable and never reused (a retired one stays listed in `retired`); docs/diagnostics.md
/// documents each, with an example, and DocsTests keeps the two lists the same. A diagnostic
/// is made from one of these (`Diagnostic.error(.E0801, …)`), so a code that is not listed
/// here cannot be emitted.
public struct DiagnosticCode: Sendable, Hashable, CustomStringConvertible {
    /// `E0801`: `E` for errors, `W` for warnings; the first two digits are the area
    /// (docs/diagnostics.md's sections).
    public let id: String
    /// What it means, as docs/diagnostics.md's table says it.
    public let meaning: String

    init(_ id: String, _ meaning: String) {
        self.id = id
        self.meaning = meaning
    }

    public var description: String { id }

    /// Codes once emitted and now retired, with what replaced them: never given out again.
    static let retired: [String: String] = [
        "E1203": "retired: a file that cannot be written back is `E1607`, and then no file is rewritten",
        "E1313": "retired: a bundle or catalog that cannot be written is `E1607` (or `E1601`–`E1606` for its path)",
        "W0602": "retired: duplicate keys are errors now (E0616)",
        "W0701": "retired: an unknown key in the facts file is an error now (E0710)",
    ]

    /// Every code in use, in the order docs/diagnostics.md lists them.
    static let all: [DiagnosticCode] = [
        .E0001, .E0002, .E0003, .E0004, .E0005, .E0006, .E0007, .E0008, .E0009, .E0010, .E0011, .E0020,
        .E0021, .E0022, .E0023, .E0024, .E0025, .E0026, .E0027, .E0028, .E0029, .E0030, .E0031, .E0032,
        .E0033, .E0034, .E0035, .E0036, .E0037, .E0038, .E0039, .E0040, .E0041, .E0101, .E0102, .E0103,
        .E0104, .E0105, .E0106, .E0107, .E0108, .E0109, .E0110, .E0111, .E0112, .E0113, .E0114, .E0115,
        .E0116, .E0117, .E0201, .E0202, .E0203, .E0204, .E0205, .E0206, .E0207, .E0208, .E0209, .E0210,
        .E0211, .E0212, .E0213, .E0214, .E0301, .E0302, .E0303, .E0401, .E0402, .E0403, .E0404, .E0405, .E0501,
        .E0502, .E0503, .E0601, .E0602, .E0603, .E0604, .E0605, .E0606, .E0607, .E0608, .E0609, .E0610,
        .E0611, .E0612, .E0613, .E0614, .E0615, .E0616, .E0617, .E0618, .E0619, .E0620, .E0621, .E0701,
        .E0702, .E0703, .E0704, .E0705, .E0706, .E0707, .E0708, .E0709, .E0710, .E0711, .E0801, .E0802,
        .E0803, .E0804, .E0805, .E0806, .E0901, .E0902, .E0903, .E0904, .E0907, .E0908, .E0909, .E1001,
        .E1002, .E1101, .E1102, .E1103, .E1104, .E1105, .E1106, .E1107, .E1108, .E1109, .E1110, .E1111,
        .E1112, .E1113, .E1201, .E1202, .E1301, .E1302, .E1303, .E1304, .E1305, .E1306, .E1307, .E1308,
        .E1309, .E1310, .E1311, .E1312, .E1314, .E1315, .E1316, .E1317, .E1318, .E1319, .E1320, .E1321,
        .E1322, .E1701, .E1702, .W1701, .E1401, .E1402, .E1403, .E1501, .E1502, .E1503, .E1504, .E1505,
        .E1506, .E1507, .E1508, .E1509, .E1510, .E1511, .E1512, .E1601, .E1602, .E1603, .E1604, .E1605, .E1606,
        .E1607, .E1608, .E1801, .E1802, .W1801, .W1802, .W0101, .W0102, .W0103, .W0104, .W0105, .W0106, .W0601, .W0603, .W0604, .W0605, .W0606, .W0607, .W0608, .W0609, .W0702,
        .W0703, .W1401, .W1402, .W1403, .W1404, .W1405, .W1406, .W1407, .W1408, .W1409, .W1410, .W0901, .W0902, .W1301,
        .W1302, .W1303,
    ]
}

extension DiagnosticCode {
    // MARK: Syntax: lexer (E0001–E0019)
    public static let E0001 = DiagnosticCode("E0001", "Characters that start no token")
    public static let E0002 = DiagnosticCode("E0002", "String not closed on its line")
    public static let E0003 = DiagnosticCode("E0003", "Unknown escape in a string")
    public static let E0004 = DiagnosticCode("E0004", "Malformed `\\u{…}` escape")
    public static let E0005 = DiagnosticCode("E0005", "`}` in a string that closes no interpolation")
    public static let E0006 = DiagnosticCode("E0006", "`{` in a string whose interpolation is never closed")
    public static let E0007 = DiagnosticCode("E0007", "Integer with more than 18 digits")
    public static let E0008 = DiagnosticCode("E0008", "Date-like word that is not `YYYY-MM-DD`")
    public static let E0009 = DiagnosticCode("E0009", "`YYYY-MM-DD` that is not a real calendar day")
    public static let E0010 = DiagnosticCode("E0010", "Regular expression not closed on its line")
    public static let E0011 = DiagnosticCode("E0011", "Digits running into letters")
    // MARK: Syntax: parser (E0020–E0099)
    public static let E0020 = DiagnosticCode("E0020", "Top level: something that is not a declaration")
    public static let E0021 = DiagnosticCode("E0021", "A name is missing")
    public static let E0022 = DiagnosticCode("E0022", "A reserved word used as a name")
    public static let E0023 = DiagnosticCode("E0023", "A type is missing")
    public static let E0024 = DiagnosticCode("E0024", "A specific token is missing")
    public static let E0025 = DiagnosticCode("E0025", "An expression is missing")
    public static let E0026 = DiagnosticCode("E0026", "A string is missing")
    public static let E0027 = DiagnosticCode("E0027", "A block's `}` is missing (at end of file, or before the next declaration)")
    public static let E0028 = DiagnosticCode("E0028", "Inside a block: something that is not a clause")
    public static let E0029 = DiagnosticCode("E0029", "A clause of the other kind of block")
    public static let E0030 = DiagnosticCode("E0030", "The same clause twice in one block")
    public static let E0031 = DiagnosticCode("E0031", "Interpolation outside message, remediation and basis")
    public static let E0032 = DiagnosticCode("E0032", "More than one expression in an interpolation")
    public static let E0033 = DiagnosticCode("E0033", "Chained comparison")
    public static let E0034 = DiagnosticCode("E0034", "Expression nested more than 64 levels deep")
    public static let E0035 = DiagnosticCode("E0035", "Quantifiers (`every`/`some`/`count`) nested more than 4 deep")
    public static let E0036 = DiagnosticCode("E0036", "Expression tree deeper than 256 levels (long operator chains)")
    public static let E0037 = DiagnosticCode("E0037", "`for` without a resource kind and a variable")
    public static let E0038 = DiagnosticCode("E0038", "`expect` not followed by `some`")
    public static let E0039 = DiagnosticCode("E0039", "Empty interpolation")
    public static let E0040 = DiagnosticCode("E0040", "Type nested more than 64 levels deep")
    public static let E0041 = DiagnosticCode(
        "E0041", "`=` in a condition, where `==` compares (read as `==`, so the rest is still checked)")
    // MARK: Names and types (E01xx)
    public static let E0101 = DiagnosticCode("E0101", "unknown name (a variable, param, let or namespace)")
    public static let E0102 = DiagnosticCode("E0102", "unknown field on a record type")
    public static let E0103 = DiagnosticCode("E0103", "unknown function")
    public static let E0104 = DiagnosticCode("E0104", "wrong number of arguments")
    public static let E0105 = DiagnosticCode("E0105", "an argument of the wrong type")
    public static let E0106 = DiagnosticCode(
        "E0106", "a type mismatch: a condition that is not a bool, comparing a string with a date, `in` on a non-list …")
    public static let E0107 = DiagnosticCode("E0107", "a string literal that an enumeration (a region) can never equal")
    public static let E0108 = DiagnosticCode(
        "E0108", "a field read on something that is not a record (often a list: use `every`/`some`)")
    public static let E0109 = DiagnosticCode("E0109", "unknown type name")
    public static let E0110 = DiagnosticCode("E0110", "an invalid regular expression, or one outside the RE2 subset")
    public static let E0111 = DiagnosticCode("E0111", "an invalid CIDR literal")
    public static let E0112 = DiagnosticCode("E0112", "a namespace (`catalog`, `facts`, `audit`) used as a value")
    public static let E0113 = DiagnosticCode("E0113", "a define used without calling it")
    public static let E0114 = DiagnosticCode("E0114", "something called that is not a function")
    public static let E0115 = DiagnosticCode("E0115", "a param default that is not a literal")
    public static let E0116 = DiagnosticCode("E0116", "a param of a type params cannot have")
    public static let E0117 = DiagnosticCode(
        "E0117", "integer overflow or division by zero between two integer literals (`1 / 0`); computed values that overflow are missing at run time instead")
    // MARK: Structure (E02xx)
    public static let E0201 = DiagnosticCode("E0201", "a duplicate declaration (policy id, param, let, define, parameter)")
    public static let E0202 = DiagnosticCode(
        "E0202", "a required clause is missing (`severity`, `for`, `require`; `permits`, `basis` in permits)")
    public static let E0203 = DiagnosticCode("E0203", "unknown severity")
    public static let E0204 = DiagnosticCode("E0204", "unknown resource kind after `for`")
    public static let E0205 = DiagnosticCode("E0205", "a permit names an unknown policy")
    public static let E0206 = DiagnosticCode("E0206", "a permit names another permit")
    public static let E0207 = DiagnosticCode("E0207", "a permit ranges over another kind than the policy it permits")
    public static let E0208 = DiagnosticCode("E0208", "a recursive define")
    public static let E0209 = DiagnosticCode("E0209", "a let that depends on itself")
    public static let E0210 = DiagnosticCode("E0210", "one name declared in two places visible in a file (own and imported)")
    public static let E0211 = DiagnosticCode("E0211", "a variable name already bound in that place")
    public static let E0212 = DiagnosticCode("E0212", "a declaration that takes a built-in name")
    public static let E0213 = DiagnosticCode(
        "E0213", "a `record` whose fields contain the record itself: facts records are finite trees")
    public static let E0214 = DiagnosticCode(
        "E0214", "a policy or permit id that a built-in policy has (`RES-010`, `RES-013`): reports, waivers and permits would take the one for the other")
    // MARK: Limits (E03xx)
    public static let E0301 = DiagnosticCode("E0301", "quantifiers nested deeper than 4, counting those inside called defines")
    public static let E0302 = DiagnosticCode("E0302", "a policy larger than 20,000 nodes once defines are inlined")
    public static let E0303 = DiagnosticCode("E0303", "a chain of more than 32 defines calling each other")
    // MARK: Files and parameters (E04xx, E05xx)
    public static let E0401 = DiagnosticCode("E0401", "a path given on the command line does not exist")
    public static let E0402 = DiagnosticCode("E0402", "a folder with no `.policy` files")
    public static let E0403 = DiagnosticCode("E0403", "an imported file cannot be read")
    public static let E0404 = DiagnosticCode(
        "E0404", "a policy file cannot be read, or a folder under a policy path cannot be listed (the message says why)")
    public static let E0405 = DiagnosticCode("E0405", "an import cycle")
    public static let E0501 = DiagnosticCode("E0501", "`--param` names a param no policy declares")
    public static let E0502 = DiagnosticCode("E0502", "a `--param` value that does not parse as the param's type")
    public static let E0503 = DiagnosticCode("E0503", "a param with no default and no value")
    // MARK: Inventories (E06xx)
    public static let E0601 = DiagnosticCode("E0601", "an inventory file that is not valid JSON (RFC 8259)")
    public static let E0602 = DiagnosticCode("E0602", "a value of the wrong type (`enabled` that is not true or false …)")
    public static let E0603 = DiagnosticCode(
        "E0603", "a required field is missing (an id, a `sourceId`, the workspace's `slug` …)")
    public static let E0604 = DiagnosticCode("E0604", "a duplicate id within one workspace (or two `sdkConfigs` for one source)")
    public static let E0605 = DiagnosticCode("E0605", "a destination whose `sourceId` names no source of its workspace")
    public static let E0606 = DiagnosticCode("E0606", "`region` disagrees with the region of the `apiHost` that answered")
    public static let E0607 = DiagnosticCode("E0607", "an unknown workspace region (only `eu-west` and `us-west` exist)")
    public static let E0608 = DiagnosticCode("E0608", "an `exportVersion` this residency does not read")
    public static let E0609 = DiagnosticCode("E0609", "a file that is neither an export bundle nor `{\"workspaces\": [...]}`")
    public static let E0610 = DiagnosticCode(
        "E0610", "an inventory file that is not valid YAML (YAML duplicate keys are errors), or not UTF-8 (named at the first bad byte, as JSON files are)")
    public static let E0611 = DiagnosticCode(
        "E0611", "an inventory path that cannot be read: no such file, not a regular file (a FIFO, socket, device or broken link, anywhere in an inventory folder), over the size limit, or a sub-folder that cannot be listed")
    public static let E0612 = DiagnosticCode(
        "E0612", "an `sdkConfigs` or `warehouseAccess` entry naming a source or warehouse not in the workspace")
    public static let E0613 = DiagnosticCode("E0613", "an allow-listed CIDR that does not parse")
    public static let E0614 = DiagnosticCode("E0614", "a folder with no inventory files")
    public static let E0615 = DiagnosticCode(
        "E0615", "one workspace given twice, or two workspaces with one slug (reports name workspaces by slug)")
    public static let E0616 = DiagnosticCode(
        "E0616", "a duplicate key in a JSON object, anywhere in a file residency reads (an inventory, facts, waivers, a test file, a catalog, an export's workspaces file), or inside a Terraform plan's `settings` string: at the repeat, noting the first (Node, Python and Segment's provider keep the last, others the first)")
    public static let E0617 = DiagnosticCode(
        "E0617", "an unknown key in an object residency defines: the bundle's top level (`Destinations`, `destination`), an `sdkConfigs` or `warehouseAccess` entry, the `{\"workspaces\": [...]}` wrapper (with the closest key)")
    public static let E0618 = DiagnosticCode(
        "E0618", "`null` where a list belongs (`\"destinations\": null`, `dataSubjects`, `workspaces`, a facts list, `waivers`): write `[]` for none, or leave the key out")
    public static let E0619 = DiagnosticCode(
        "E0619", "a file with both `workspaces` and a bundle's own keys (`sources` beside `workspaces`): one of them would be ignored")
    public static let E0620 = DiagnosticCode(
        "E0620", "a place in `dataSubjects` (or a plan's `residency_data_subjects`) that is no ISO 3166-1 country code or name, nor `EU` or `EEA` (with the closest)")
    public static let E0621 = DiagnosticCode(
        "E0621", "one of the bundle's lists written inside `workspace` or inside another list's API page, where it would not be read")
    // MARK: Catalog, facts and runs (E07xx, E08xx)
    public static let E0701 = DiagnosticCode("E0701", "a catalog file that cannot be read")
    public static let E0702 = DiagnosticCode("E0702", "a facts file that cannot be read")
    public static let E0703 = DiagnosticCode(
        "E0703", "an unknown key in a catalog file (or the catalog supplement), with the closest known key")
    public static let E0704 = DiagnosticCode(
        "E0704", "a catalog row without `supportedRegions` or `regionEndpoints`: nothing is assumed about where Segment offers it")
    public static let E0705 = DiagnosticCode(
        "E0705", "a region in a catalog that Segment's catalog does not use (`us-west-2`, `eu-west-1`, `us`, `eu`; endpoints `US`, `EU`)")
    public static let E0706 = DiagnosticCode(
        "E0706", "two rows of one catalog table with the same id, slug or name (the later is left out)")
    public static let E0707 = DiagnosticCode(
        "E0707", "a catalog file in a format this residency does not read (format 1 files have no `formatVersion`: regenerate them)")
    public static let E0708 = DiagnosticCode(
        "E0708", "a catalog value of the wrong kind (an empty id, an unknown source `type` or connection-mode platform, a date that is not a day)")
    public static let E0709 = DiagnosticCode(
        "E0709", "`catalog generate`: an input that holds no catalog rows, or is neither Segment's catalog data nor a Public API catalog answer")
    public static let E0710 = DiagnosticCode(
        "E0710", "an unknown key in the facts file, or an unknown field of a declared record in it (with the closest one): the value it meant would be missing; the organisation's own facts need a `fact` declaration")
    public static let E0711 = DiagnosticCode(
        "E0711", "a declared fact whose value does not fit its declared type (a number where a date is declared, `null`, a CIDR with host bits)")
    public static let E0801 = DiagnosticCode("E0801", "no policies to evaluate: a gate that evaluated nothing fails")
    public static let E0802 = DiagnosticCode("E0802", "no workspaces in the inventories")
    public static let E0803 = DiagnosticCode("E0803", "the policies matched no resource at all")
    public static let E0804 = DiagnosticCode(
        "E0804", "`explain`: no policy with that id (a permit's id names the policies to explain instead)")
    public static let E0805 = DiagnosticCode("E0805", "`explain`: no resource with that id among the policy's kind")
    public static let E0806 = DiagnosticCode(
        "E0806", "`explain`: the resource id is in several workspaces; name one with `--workspace`")
    // MARK: Waivers (E09xx, W09xx)
    public static let E0901 = DiagnosticCode("E0901", "a waiver names an unknown policy (or a permit)")
    public static let E0902 = DiagnosticCode("E0902", "`expires` is not a real `YYYY-MM-DD` date (`2026-02-30` is an error)")
    public static let E0903 = DiagnosticCode(
        "E0903", "a waiver runs longer than the horizon (default 365 days from the audit date; `--waiver-max-days`)")
    public static let E0904 = DiagnosticCode(
        "E0904", "a waiver names no resource, or names one and `allResources: true` (a whole policy must be waived explicitly)")
    public static let E0907 = DiagnosticCode("E0907", "a waivers file that cannot be read")
    public static let E0908 = DiagnosticCode(
        "E0908", "an unknown key in a waiver or the waivers file (`worksapce:`, with a suggestion): it would widen the waiver")
    public static let E0909 = DiagnosticCode("E0909", "an empty or null `workspace`, `resource` or `fingerprint` in a waiver")
    // MARK: Baselines (E10xx)
    public static let E1001 = DiagnosticCode("E1001", "a baseline file that cannot be read")
    public static let E1002 = DiagnosticCode(
        "E1002", "a baseline that is not a residency result document of a schema `report` reads (1 to 3)")
    // MARK: Policy tests (E11xx)
    public static let E1101 = DiagnosticCode(
        "E1101", "no test files (`*.test.yaml`, `*.test.yml`, `*.test.json`) under the paths: a test run that ran nothing fails")
    public static let E1102 = DiagnosticCode(
        "E1102", "an unknown key in a test file, a test or an expectation (with a suggestion)")
    public static let E1103 = DiagnosticCode(
        "E1103", "an expectation names no policy under test (a permit is expected through the policy it permits)")
    public static let E1104 = DiagnosticCode("E1104", "an unknown outcome (`waived` is not one: tests run without waivers)")
    public static let E1105 = DiagnosticCode(
        "E1105", "`permit` on an outcome other than `permitted`, or naming a permit that does not permit that policy")
    public static let E1106 = DiagnosticCode("E1106", "a `date` that is not a real `YYYY-MM-DD` date")
    public static let E1107 = DiagnosticCode("E1107", "a test with neither `inventory` nor `fixture`, or with both")
    public static let E1108 = DiagnosticCode("E1108", "a test that expects nothing")
    public static let E1109 = DiagnosticCode("E1109", "two tests with one name in a file")
    public static let E1110 = DiagnosticCode(
        "E1110", "a test file that cannot be read, or a folder under a test path that cannot be listed")
    public static let E1111 = DiagnosticCode("E1111", "a test file without a non-empty `tests` list")
    public static let E1112 = DiagnosticCode("E1112", "a param value that is neither a single value nor a list of values")
    public static let E1113 = DiagnosticCode("E1113", "`--run` matched no test")
    // MARK: Formatting (E12xx)
    public static let E1201 = DiagnosticCode(
        "E1201", "internal error: the formatted text would not parse to the same tree, or would lose a comment; the file is left as it was (exit 3)")
    public static let E1202 = DiagnosticCode("E1202", "a policy file that is not UTF-8 text")
    // MARK: Export (E13xx)
    public static let E1301 = DiagnosticCode(
        "E1301", "the token's environment variable is not set, empty, too short or holds spaces")
    public static let E1302 = DiagnosticCode(
        "E1302", "the API rejected the token (401): mistyped, revoked, or from the other region's workspace")
    public static let E1303 = DiagnosticCode("E1303", "the token may not read a list (403): it lacks a read role")
    public static let E1304 = DiagnosticCode("E1304", "not found (404): usually a token used against the other region's host")
    public static let E1305 = DiagnosticCode(
        "E1305", "another status the export cannot use: a redirect (never followed) or an unexpected 4xx")
    public static let E1306 = DiagnosticCode(
        "E1306", "no usable answer after 5 attempts (5xx, failed connections, 429s that name no reset), or a connection that cannot work (TLS)")
    public static let E1307 = DiagnosticCode("E1307", "the export would not finish within `--timeout`")
    public static let E1308 = DiagnosticCode(
        "E1308", "an answer that is not valid JSON, at its line and column (the file is the request's URL)")
    public static let E1309 = DiagnosticCode(
        "E1309", "an answer that is not the Public API's envelope (`data.sources` not a list …)")
    public static let E1310 = DiagnosticCode("E1310", "`pagination.next` names a page already fetched")
    public static let E1311 = DiagnosticCode("E1311", "a list of more than 1,000 pages")
    public static let E1312 = DiagnosticCode(
        "E1312", "an answer holding the token's text, or 8 or more of its characters in a row: nothing is written")
    public static let E1314 = DiagnosticCode(
        "E1314", "an `--api-url` that is not a plain https base URL (or http on this machine)")
    public static let E1315 = DiagnosticCode("E1315", "a `--workspaces` file that cannot be read")
    public static let E1316 = DiagnosticCode("E1316", "a `--workspaces` file without a non-empty `workspaces` list")
    public static let E1317 = DiagnosticCode(
        "E1317", "an unknown key in a workspace entry (a token itself is refused: name its variable with `tokenEnv`)")
    public static let E1318 = DiagnosticCode("E1318", "a workspace entry's region that is neither `eu` nor `us`")
    public static let E1319 = DiagnosticCode(
        "E1319", "Segment's rate limit resets (`X-RateLimit-Reset`, `msBeforeNext`) only after `--timeout` would run out: the export stops at once and names the reset time")
    public static let E1320 = DiagnosticCode(
        "E1320", "still rate limited after 20 waits for a named reset on one request: the export stops rather than wait on")
    public static let E1321 = DiagnosticCode(
        "E1321", "an answer larger than 64 MiB once decompressed (an endless answer, a decompression bomb): receiving stopped there")
    public static let E1322 = DiagnosticCode(
        "E1322", "the pages of one list add up to more than 2 GiB, the most an inventory may be")
    // MARK: Reading inputs (E17xx, W17xx)
    public static let E1701 = DiagnosticCode(
        "E1701", "a path written in a policy or test file (`import`, `fixture`, `facts`, `catalog`) that is absolute, climbs out of the folders given on the command line with `..`, or is a symbolic link out of them; or a file found in a policy or test folder that is a symbolic link out of it. Nothing is read from it")
    public static let E1702 = DiagnosticCode(
        "E1702", "a YAML file whose aliases expand past 1,000,000 values or 64 MiB of text (a \"billion laughs\"), at the alias that crossed the bound")
    public static let W1701 = DiagnosticCode(
        "W1701", "files in a folder given on the command line that were not read: in an inventory folder, files with another extension and hidden files with an inventory's; in a policy or test folder, hidden policy or test files")
    // MARK: Terraform plans (E14xx)
    public static let E1401 = DiagnosticCode(
        "E1401", "a `settings` string that is not valid JSON (pointed at the offending character inside the string)")
    public static let E1402 = DiagnosticCode("E1402", "a plan `format_version` other than 1.x")
    public static let E1403 = DiagnosticCode(
        "E1403", "Terraform state (`terraform show -json` without a plan, or a `.tfstate` file) instead of a plan")
    // MARK: Result documents read back (E15xx)
    public static let E1501 = DiagnosticCode(
        "E1501", "a result document that cannot be read (no such file, a folder, over the size limit)")
    public static let E1502 = DiagnosticCode(
        "E1502", "not a residency result document of this schema version: another JSON file (an export bundle, a SARIF log), or a document of another `schemaVersion` (the help names the residency that wrote it)")
    public static let E1503 = DiagnosticCode("E1503", "a result document that is not valid JSON (cut short, or edited by hand)")
    public static let E1504 = DiagnosticCode(
        "E1504", "a value of the wrong type (`summary.evaluated` in words, `evidence` that is not a list, a line that is not a whole number)")
    public static let E1505 = DiagnosticCode(
        "E1505", "a field `check --json` always writes is missing or null (a result without its `outcome`)")
    public static let E1506 = DiagnosticCode(
        "E1506", "an unknown word where the document has a fixed set: an outcome, a severity, a verdict, `failOn`, a policy's `kind`, a result's `change` (with a suggestion)")
    public static let E1507 = DiagnosticCode(
        "E1507", "a result names a policy `policies[]` does not list, so its title is unknown")
    public static let E1508 = DiagnosticCode(
        "E1508", "`run.ranBy.url` that is not a plain http(s) link (reports link to it; `check` records no other)")
    public static let E1509 = DiagnosticCode(
        "E1509", "a count that disagrees with the document's lists: `summary.evaluated`, `workspaces`, `resources`, `policies`, `permits`, a count in `summary.outcomes` or `summary.bySeverity`, `baseline.new` or `baseline.unchanged`, or a `summary.verdict` the results do not give (each count is recomputed from the results, `workspaces` and `policies`)")
    public static let E1510 = DiagnosticCode(
        "E1510", "a number in a workspace record (schema 3 or 4) that names nothing there: a string past its `strings`, a resource (or the end of a run `\"first..last\"`) past its sources, destinations or warehouses, an evidence row past its `evidence`, or a resource named twice among one policy's results")
    public static let E1511 = DiagnosticCode(
        "E1511", "two workspaces of a result document with one slug (reports name workspaces by slug; `check` refuses it at load, E0615)")
    public static let E1512 = DiagnosticCode(
        "E1512", "a waived result in a result document that names no waiver, or a permitted one that names no permit (the outcome rests on them, and `check` writes both); or a waiver or permit where `check` writes none: a waiver on a pass, a not-applicable or a permitted result, a permit or a legal basis on any but a permitted one, an expired waiver on a waived result or an unexpired one on a failing one")
    // MARK: Outputs (E16xx)
    public static let E1601 = DiagnosticCode(
        "E1601", "an output option with an empty path: `--markdown \"$GITHUB_STEP_SUMMARY\"` with the variable unset")
    public static let E1602 = DiagnosticCode(
        "E1602", "an output that is a device (`/dev/null`, `/dev/full`), a FIFO or a socket, or a symbolic link to one: writing replaces the file, so it would replace the device")
    public static let E1603 = DiagnosticCode(
        "E1603", "an output path of the wrong kind: a folder where a file is written (or a file for `--junit-dir`), a path under a file, a path ending in `/`, a loop of symbolic links, or a path that cannot be looked at")
    public static let E1604 = DiagnosticCode(
        "E1604", "an output that is one of the run's inputs (policies, inventories, catalogs, facts, waivers, baseline, `report`'s document, `export --workspaces`), by path or as the same file under another name; or a `--junit-dir` folder that holds one")
    public static let E1605 = DiagnosticCode(
        "E1605", "one file named by two outputs (`--json r.json --html r.json`, two `export` entries with one `output`), or an output inside the `--junit-dir` folder")
    public static let E1606 = DiagnosticCode(
        "E1606", "a `--junit-dir` or `--html-dir` folder that exists and that the same report did not write (no `.residency-junit`, or no `.residency-html`): replacing it would delete what is in it (an HTML folder never replaces a JUnit one, nor the other way round)")
    public static let E1607 = DiagnosticCode(
        "E1607", "an output that could not be written (a full disk, a folder that cannot be created, a file that became a folder meanwhile): no output was replaced, and the notes say so, or say which could not be put back and where its previous file is")
    public static let E1608 = DiagnosticCode(
        "E1608", "another run held the folder's lock (`.residency.lock`) for longer than `RESIDENCY_LOCK_WAIT` seconds (default 30), or the lock file cannot be opened")
    // MARK: Scanning application code (E18xx, W18xx)
    public static let E1801 = DiagnosticCode(
        "E1801", "a path given to `scan` that does not exist or cannot be looked at")
    public static let E1802 = DiagnosticCode(
        "E1802", "an environment file (`scan --env`, `check --scan-env`, or a `.env` in a scanned folder) that cannot be read, a line in it that is not `NAME=value`, a name set twice or a quoted value not closed")
    public static let W1801 = DiagnosticCode(
        "W1801", "a file of code that cannot be tokenised (a string or comment that never ends): an SDK set up in it is not seen")
    public static let W1802 = DiagnosticCode(
        "W1802", "a file or folder under a scanned folder that cannot be read: it was not scanned, and the scan's summary counts it")
    // MARK: Warnings (W01xx)
    public static let W0101 = DiagnosticCode("W0101", "a `let` that is never used")
    public static let W0102 = DiagnosticCode("W0102", "a `define` that is never called")
    public static let W0103 = DiagnosticCode("W0103", "a policy without a `message`")
    public static let W0104 = DiagnosticCode(
        "W0104", "an ordering comparison (`<`, `>=` …) on an enumeration such as a region: it orders the spellings")
    public static let W0105 = DiagnosticCode(
        "W0105", "`exists(…)` of a field that is never missing (`d.id`, `d.workspace.slug`): always true")
    public static let W0106 = DiagnosticCode(
        "W0106", "a permit without `where`: it permits every result of the policies it names, undecided ones too")
    public static let W0601 = DiagnosticCode(
        "W0601", "an integration the regional catalog does not list (checks needing it are indeterminate)")
    public static let W0603 = DiagnosticCode(
        "W0603", "an API response page that says more pages follow: resources are missing, and the workspace is indeterminate (RES-013) unless `--allow-incomplete`")
    public static let W0604 = DiagnosticCode("W0604", "an SDK library residency does not know")
    public static let W0605 = DiagnosticCode("W0605", "an `apiHost` that is not a Segment Public API host")
    public static let W0606 = DiagnosticCode(
        "W0606", "API response pages that hold fewer items than their `totalEntries`: a page is missing, and the workspace is indeterminate (RES-013) unless `--allow-incomplete`")
    public static let W0607 = DiagnosticCode(
        "W0607", "a bundle whose export recorded it as incomplete (`incomplete`: the workspace changed during the export): the workspace is indeterminate (RES-013) unless `--allow-incomplete`")
    public static let W0608 = DiagnosticCode(
        "W0608", "API response pages whose cursors do not chain (a page's `current` is not the `next` of the page before it, or the first page given names a `previous` one): a page is missing, and the workspace is indeterminate (RES-013) unless `--allow-incomplete`")
    public static let W0609 = DiagnosticCode(
        "W0609", "a bundle without one of its resource lists (`sources`, `destinations`, `warehouses`): whether the workspace has any is not known (write `[]` for none), and the workspace is indeterminate (RES-013) unless `--allow-incomplete`")
    public static let W0702 = DiagnosticCode(
        "W0702", "a vendor in the facts file that no catalog integration has (it can permit no transfer), with the closest vendor")
    public static let W0703 = DiagnosticCode(
        "W0703", "`catalog generate`: a Public API catalog row without `supportedRegions`, left out (its bundled row stays in effect)")
    public static let W1401 = DiagnosticCode(
        "W1401", "a plan without a `url` for the segment provider (or without a segment provider): the region is unknown")
    public static let W1402 = DiagnosticCode(
        "W1402", "the segment provider's `url` is an expression, whose value a plan does not record: the region is unknown")
    public static let W1403 = DiagnosticCode(
        "W1403", "the segment provider's `url` is not a Segment Public API host: the region is unknown")
    public static let W1404 = DiagnosticCode(
        "W1404", "several segment provider blocks with different urls: one plan is one workspace, so the region is unknown")
    public static let W1405 = DiagnosticCode(
        "W1405", "a planned resource whose catalog id (`metadata.id`) residency cannot name: checks that need its integration are indeterminate")
    public static let W1406 = DiagnosticCode(
        "W1406", "a plan with no `segment_source`, `segment_destination` or `segment_warehouse` changes (nor, in a refresh-only plan, in its refreshed state)")
    public static let W1407 = DiagnosticCode(
        "W1407", "a plan Terraform marks `errored` or not `complete`: resources may be missing, and the workspace is indeterminate (RES-013) unless `--allow-incomplete`")
    public static let W1408 = DiagnosticCode(
        "W1408", "a `residency_*` output of a plan whose value is known only after apply: what it declares is missing")
    public static let W1409 = DiagnosticCode(
        "W1409", "a planned destination whose source the plan does not say: it is in no source's `destinations`")
    public static let W1410 = DiagnosticCode(
        "W1410", "a planned insert function (`segment_insert_function_instance`) whose source or destination the plan does not say: it may run before any destination, so the endpoint of every destination of the plan is unknown")
    public static let W0901 = DiagnosticCode("W0901", "an expired waiver matched a finding, which fails again")
    public static let W0902 = DiagnosticCode("W0902", "a stale waiver: it matches no failing or undecided finding")
    public static let W1301 = DiagnosticCode(
        "W1301", "`export`: fewer or more items than the API's `totalEntries`: the workspace changed during the export, and the bundle records it as incomplete")
    public static let W1302 = DiagnosticCode(
        "W1302", "`export`: an item that came again on a later page (kept once): the workspace changed during the export, and the bundle records it as incomplete")
    public static let W1303 = DiagnosticCode(
        "W1303", "`export`: `totalEntries` changed between pages: the workspace changed during the export, and the bundle records it as incomplete")
}
