import Foundation
import Testing

@testable import ResidencyKit

/// Every diagnostic the inventory loader emits (E0601–E0615, W0601–W0605), each at the exact
/// place of the offending value: 1️⃣ in the input marks where it must point, 2️⃣ where its
/// note must point.
@Suite struct InventoryDiagnosticTests {
    enum Codes: Sendable {
        /// The row's code and nothing else.
        case only
        /// Exactly these codes, in order.
        case exactly([String])
        /// Others may come too (the row checks its own code only).
        case unchecked
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String = "inv.json"
        var input: String
        var code: String
        var message: String
        var help: InventoryHelp = .unchecked
        var note: String? = nil
        var codes: Codes = .only
        var testDescription: String { "\(code): \(name)" }
    }

    static func b(_ members: String) -> String { InventoryFixture.bundle(members) }
    static let ws = #"{"id": "ws1", "slug": "one"}"#

    // MARK: E0601 invalid JSON

    static let json: [Case] = [
        Case(
            name: "a missing value", input: "{\n  \"workspace\": {\"id\": \"a\", \"slug\": \"b\"},\n  \"sources\": [1️⃣}\n}",
            code: "E0601", message: "invalid JSON: expected a JSON value, found `}`", help: .exactly(nil)),
        Case(
            name: "a trailing comma", input: #"{"workspace": {"id": "a", "slug": "b"}1️⃣,}"#, code: "E0601",
            message: "invalid JSON: trailing comma before `}` is not allowed in JSON"),
        Case(
            name: "single quotes", input: b(#""region": 1️⃣'eu-west'"#), code: "E0601",
            message: "invalid JSON: strings in JSON must be in double quotes"),
        Case(name: "an empty file", input: "1️⃣", code: "E0601", message: "invalid JSON: the file is empty"),
        Case(
            name: "a comment", input: "1️⃣// exported by hand\n{}", code: "E0601",
            message: "invalid JSON: comments are not allowed in JSON"),
        Case(
            name: "a truncated file", input: #"{"workspace": {"id": "a"1️⃣"#, code: "E0601",
            message: "invalid JSON: unexpected end of file, expected `,` or `}` after an object member"),
        Case(
            name: "columns count scalars after a flag emoji",
            input: b(#""destinations": [{"settings": {"apiRegion": "EU 🇪🇺" 1️⃣"x": 1}}]"#), code: "E0601",
            message: "invalid JSON: expected `,` or `}` after an object member, found `\"`"),
        Case(
            name: "a YAML file named .json", input: "1️⃣workspace:\n  id: a\n", code: "E0601",
            message: "invalid JSON: expected a JSON value, found `workspace`"),
    ]

    // MARK: E0602 wrong types

    static let types: [Case] = [
        Case(
            name: "a string enabled", input: b(#""sources": [{"id": "s1", "enabled": 1️⃣"yes"}]"#), code: "E0602",
            message: "`sources[0].enabled` must be true or false, found a string", help: .exactly(nil)),
        Case(
            name: "a numeric enabled",
            input: b(#""destinations": [{"id": "d1", "sourceId": "s1", "enabled": 1️⃣1}], "sources": [{"id": "s1"}]"#),
            code: "E0602", message: "`destinations[0].enabled` must be true or false, found a number"),
        Case(
            name: "a numeric id", input: b(#""sources": [{"id": 1️⃣42}]"#), code: "E0602",
            message: "`sources[0].id` must be a string, found a number"),
        Case(
            name: "settings as a string",
            input: b(#""sources": [{"id": "s1"}], "destinations": [{"id": "d1", "sourceId": "s1", "settings": 1️⃣"eu"}]"#),
            code: "E0602", message: "`destinations[0].settings` must be an object, found a string"),
        Case(
            name: "a list that is a number", input: b(#""sources": 1️⃣7"#), code: "E0602",
            message: "`sources` must be a list or an API response page, found a number"),
        Case(
            name: "an object that is not a page", input: b(#""warehouses": 1️⃣{"items": []}"#), code: "E0602",
            message: "`warehouses` must be a list or an API response page, found an object"),
        Case(
            name: "a list element that is a string", input: b(#""sources": [{"id": "s0"}, 1️⃣"s1"]"#), code: "E0602",
            message: "`sources[1]` must be an object, found a string"),
        Case(
            name: "an envelope whose data is a list", input: b(#""destinations": {"data": 1️⃣[]}"#), code: "E0602",
            message: "`destinations.data` must be an object, found an array"),
        Case(
            name: "an envelope whose list is an object", input: b(#""warehouses": {"data": {"warehouses": 1️⃣{}}}"#),
            code: "E0602", message: "`warehouses.data.warehouses` must be a list, found an object"),
        Case(
            name: "an item of a page that is not an object", input: b(#""sources": {"data": {"sources": [1️⃣true]}}"#),
            code: "E0602", message: "`sources.data.sources[0]` must be an object, found a boolean"),
        Case(
            name: "an item of the second page",
            input: b(#""sources": [{"data": {"sources": []}}, {"data": {"sources": [{"id": "s"}, 1️⃣null]}}]"#),
            code: "E0602", message: "`sources[1].data.sources[1]` must be an object, found null"),
        Case(
            name: "a data subject that is a number", input: b(#""dataSubjects": ["EU", 1️⃣7]"#), code: "E0602",
            message: "`dataSubjects[1]` must be a string, found a number"),
        Case(
            name: "data subjects as a string", input: b(#""dataSubjects": 1️⃣"EU""#), code: "E0602",
            message: "`dataSubjects` must be a list, found a string"),
        Case(
            name: "metadata as a list", input: b(#""sources": [{"id": "s1", "metadata": 1️⃣[]}]"#), code: "E0602",
            message: "`sources[0].metadata` must be an object, found an array"),
        Case(
            name: "a numeric catalog name", input: b(#""sources": [{"id": "s1", "metadata": {"name": 1️⃣5}}]"#), code: "E0602",
            message: "`sources[0].metadata.name` must be a string, found a number"),
        Case(
            name: "a write key that is not a string", input: b(#""sources": [{"id": "s1", "writeKeys": ["k", 1️⃣{}]}]"#),
            code: "E0602", message: "`sources[0].writeKeys[1]` must be a string, found an object"),
        Case(
            name: "labels as an object", input: b(#""sources": [{"id": "s1", "labels": 1️⃣{"key": "a"}}]"#), code: "E0602",
            message: "`sources[0].labels` must be a list, found an object"),
        Case(
            name: "supported regions as a string",
            input: b(
                #""sources": [{"id": "s1"}], "destinations": [{"id": "d", "sourceId": "s1", "metadata": {"supportedRegions": 1️⃣"eu-west-1"}}]"#
            ),
            code: "E0602", message: "`destinations[0].metadata.supportedRegions` must be a list, found a string"),
        Case(
            name: "a warehouse name that is a number", input: b(#""warehouses": [{"id": "w1", "settings": {"name": 1️⃣1}}]"#),
            code: "E0602", message: "`warehouses[0].settings.name` must be a string, found a number"),
        Case(
            name: "a numeric apiHost", input: b(#""apiHost": 1️⃣443"#), code: "E0602",
            message: "`apiHost` must be a string, found a number"),
        Case(
            name: "a workspace name that is a number", input: #"{"workspace": {"id": "a", "slug": "b", "name": 1️⃣7}, "sources": [], "destinations": [], "warehouses": []}"#,
            code: "E0602", message: "`workspace.name` must be a string, found a number"),
        Case(
            name: "a workspace that is a string", input: #"{"workspace": 1️⃣"ws1", "sources": [], "destinations": [], "warehouses": []}"#, code: "E0602",
            message: "`workspace` must be an object, found a string", codes: .unchecked),
        Case(
            name: "useSegmentEndpoints as a string",
            input: b(
                #""sources": [{"id": "s1"}], "sdkConfigs": [{"sourceId": "s1", "library": "analytics-react-native", "useSegmentEndpoints": 1️⃣"no"}]"#
            ),
            code: "E0602", message: "`sdkConfigs[0].useSegmentEndpoints` must be true or false, found a string"),
        Case(
            name: "an SDK host that is a number",
            input: b(
                #""sources": [{"id": "s1"}], "sdkConfigs": [{"sourceId": "s1", "library": "analytics-node", "host": 1️⃣8080}]"#),
            code: "E0602", message: "`sdkConfigs[0].host` must be a string, found a number"),
        Case(
            name: "a CIDR that is a number",
            input: b(
                #""warehouses": [{"id": "w1"}], "warehouseAccess": [{"warehouseId": "w1", "allowlistedCidrs": ["10.0.0.0/8", 1️⃣10]}]"#
            ),
            code: "E0602", message: "`warehouseAccess[0].allowlistedCidrs[]` must be a CIDR string, found a number"),
        Case(
            name: "CIDRs as a string",
            input: b(
                #""warehouses": [{"id": "w1"}], "warehouseAccess": [{"warehouseId": "w1", "allowlistedCidrs": 1️⃣"10.0.0.0/8"}]"#),
            code: "E0602", message: "`warehouseAccess[0].allowlistedCidrs` must be a list, found a string"),
        Case(
            name: "workspaces as an object", input: #"{"workspaces": 1️⃣{}}"#, code: "E0602",
            message: "`workspaces` must be a list, found an object"),
        Case(
            name: "a wrong type inside a workspaces list",
            input: #"{"workspaces": [{"workspace": {"id": "a", "slug": "b"}, "sources": 1️⃣7, "destinations": [], "warehouses": []}]}"#, code: "E0602",
            message: "`workspaces[0].sources` must be a list or an API response page, found a number"),
        Case(
            name: "a quoted YAML string enabled", path: "inv.yaml",
            input: "workspace: {id: a, slug: b}\ndestinations: []\nwarehouses: []\nsources:\n  - id: s1\n    enabled: 1️⃣\"true\"\n", code: "E0602",
            message: "`sources[0].enabled` must be true or false, found a string"),
        Case(
            name: "a YAML 1.1 boolean is a string", path: "inv.yaml",
            input: "workspace: {id: a, slug: b}\ndestinations: []\nwarehouses: []\nsources:\n  - id: s1\n    enabled: 1️⃣yes\n", code: "E0602",
            message: "`sources[0].enabled` must be true or false, found a string"),
        Case(
            name: "a YAML number id", path: "inv.yaml",
            input: "workspace: {id: a, slug: b}\ndestinations: []\nwarehouses: []\nsources:\n  - id: 1️⃣42\n", code: "E0602",
            message: "`sources[0].id` must be a string, found a number"),
    ]

    // MARK: E0603 missing fields

    static let missing: [Case] = [
        Case(
            name: "a source without id", input: b(#""sources": [1️⃣{"slug": "web"}]"#), code: "E0603",
            message: "a source has no `id`"),
        Case(
            name: "a source with a null id", input: b(#""sources": [1️⃣{"id": null}]"#), code: "E0603",
            message: "a source has no `id`"),
        Case(
            name: "a source with an empty id", input: b(#""sources": [{"id": 1️⃣""}]"#), code: "E0603",
            message: "a source has no `id`"),
        Case(
            name: "a destination without sourceId", input: b(#""destinations": [1️⃣{"id": "d1"}]"#), code: "E0603",
            message: "a destination has no `sourceId`"),
        Case(
            name: "a destination without id", input: b(#""sources": [{"id": "s"}], "destinations": [1️⃣{"sourceId": "s"}]"#),
            code: "E0603", message: "a destination has no `id`"),
        Case(
            name: "a warehouse without id", input: b(#""warehouses": [1️⃣{"settings": {}}]"#), code: "E0603",
            message: "a warehouse has no `id`"),
        Case(
            name: "a workspace without slug", input: #"{"workspace": 1️⃣{"id": "a"}, "sources": [], "destinations": [], "warehouses": []}"#, code: "E0603",
            message: "the workspace has no `slug`"),
        Case(
            name: "a workspace without id", input: #"{"workspace": 1️⃣{"slug": "a"}, "sources": [], "destinations": [], "warehouses": []}"#, code: "E0603",
            message: "the workspace has no `id`"),
        Case(
            name: "an enveloped workspace without id", input: #"{"workspace": {"data": {"workspace": 1️⃣{"slug": "a"}}}, "sources": [], "destinations": [], "warehouses": []}"#,
            code: "E0603", message: "the workspace has no `id`"),
        Case(
            name: "a null workspace", input: #"1️⃣{"workspace": null, "sources": [], "destinations": [], "warehouses": []}"#, code: "E0603", message: "the bundle has no `workspace`"),
        Case(
            name: "a page without its list", input: b(#""sources": {"data": 1️⃣{"destinations": []}}"#), code: "E0603",
            // Changed with issue 11: the list nested under the wrong key is an error of its own (E0621).
            // The bundle has no `destinations` of its own either (W0609).
            message: "the `sources` page has no `sources`", codes: .exactly(["W0609", "E0621", "E0603"])),
        Case(
            name: "an sdkConfig without sourceId", input: b(#""sdkConfigs": [1️⃣{"library": "analytics-swift"}]"#),
            code: "E0603", message: "an sdkConfig has no `sourceId`"),
        Case(
            name: "a warehouseAccess entry without warehouseId", input: b(#""warehouseAccess": [1️⃣{"allowlistedCidrs": []}]"#),
            code: "E0603", message: "a warehouseAccess entry has no `warehouseId`"),
        Case(
            name: "a YAML source without id", path: "inv.yaml",
            input: "workspace: {id: a, slug: b}\ndestinations: []\nwarehouses: []\nsources:\n  - id: s1\n  - 1️⃣slug: web\n    enabled: true\n", code: "E0603",
            message: "a source has no `id`"),
    ]

    // MARK: E0604–E0609

    static let structure: [Case] = [
        Case(
            name: "a duplicate source id", input: b(#""sources": [2️⃣{"id": "s1"}, 1️⃣{"id": "s1"}]"#), code: "E0604",
            message: "duplicate source id `s1` in this workspace", help: .exactly(nil), note: "2️⃣"),
        Case(
            name: "a duplicate destination id",
            input: b(
                #""sources": [{"id": "s"}], "destinations": [2️⃣{"id": "d", "sourceId": "s"}, {"id": "e", "sourceId": "s"}, 1️⃣{"id": "d", "sourceId": "s"}]"#
            ),
            code: "E0604", message: "duplicate destination id `d` in this workspace", note: "2️⃣"),
        Case(
            name: "a duplicate warehouse id across pages",
            input: b(#""warehouses": [{"data": {"warehouses": [2️⃣{"id": "w"}]}}, {"data": {"warehouses": [1️⃣{"id": "w"}]}}]"#),
            code: "E0604", message: "duplicate warehouse id `w` in this workspace", note: "2️⃣"),
        Case(
            name: "two sdkConfigs for one source",
            input: b(
                #""sources": [{"id": "s1"}], "sdkConfigs": [{"sourceId": 2️⃣"s1", "library": "analytics-node"}, {"sourceId": 1️⃣"s1", "library": "analytics-python"}]"#
            ),
            code: "E0604", message: "duplicate sdkConfig source id `s1` in this workspace", note: "2️⃣"),
        Case(
            name: "a dangling sourceId, with a suggestion",
            input: b(#""sources": [{"id": "src-1"}], "destinations": [{"id": "d1", "sourceId": 1️⃣"src-2"}]"#), code: "E0605",
            message: "destination `d1` names source `src-2`, which is not in this workspace",
            help: .exactly("did you mean `src-1`?")),
        Case(
            name: "a dangling sourceId, nothing close",
            input: b(#""sources": [{"id": "src-1"}], "destinations": [{"id": "d1", "sourceId": 1️⃣"qqqqqqqqqq"}]"#), code: "E0605",
            message: "destination `d1` names source `qqqqqqqqqq`, which is not in this workspace",
            help: .exactly("export the workspace's sources with its destinations")),
        Case(
            name: "a dangling sourceId with no sources at all",
            input: b(#""destinations": [{"id": "d1", "sourceId": 1️⃣"src-1"}]"#), code: "E0605",
            message: "destination `d1` names source `src-1`",
            help: .exactly("export the workspace's sources with its destinations")),
        Case(
            name: "region and apiHost disagree",
            input: b(#""apiHost": "https://api.segmentapis.com", "region": 1️⃣"eu-west""#), code: "E0606",
            message: #"`region` is "eu-west" but `apiHost` https://api.segmentapis.com answers for us-west workspaces"#),
        Case(
            name: "an unknown region", input: b(#""region": 1️⃣"eu-wset""#), code: "E0607",
            message: #"unknown workspace region "eu-wset"; expected "eu-west" or "us-west""#,
            help: .exactly(#"did you mean "eu-west"?"#)),
        Case(
            name: "an unknown region in YAML", path: "inv.yaml", input: "workspace: {id: a, slug: b}\nsources: []\ndestinations: []\nwarehouses: []\nregion: 1️⃣us-wset\n",
            code: "E0607", message: #"unknown workspace region "us-wset""#, help: .exactly(#"did you mean "us-west"?"#)),
        Case(
            name: "exportVersion 2", input: #"{"exportVersion": 1️⃣2, "workspace": {"id": "a", "slug": "b"}, "sources": [], "destinations": [], "warehouses": []}"#, code: "E0608",
            message: "export version 2 is not supported; this residency reads version 1", help: .exactly(nil)),
        Case(
            name: "exportVersion 1.5", input: #"{"exportVersion": 1️⃣1.5, "workspace": {"id": "a", "slug": "b"}, "sources": [], "destinations": [], "warehouses": []}"#,
            code: "E0608", message: "export version 1.5 is not supported"),
        Case(
            name: "exportVersion 0 in YAML", path: "inv.yaml", input: "exportVersion: 1️⃣0\nworkspace: {id: a, slug: b}\n",
            code: "E0608", message: "export version 0 is not supported"),
        Case(
            name: "a top-level list", input: "1️⃣[{\"workspace\": {\"id\": \"a\", \"slug\": \"b\"}}]", code: "E0609",
            message: "expected an export bundle (an object with `workspace`) or `{\"workspaces\": [bundle, …]}`, found an array",
            help: .exactly("see docs/inventory.md for the bundle format")),
        Case(
            name: "an object without workspace", input: "\n  1️⃣{\"sources\": []}", code: "E0609",
            message: "found an object without `workspace`"),
        Case(
            name: "GET / pasted as the whole file", input: #"1️⃣{"data": {"workspace": {"id": "a", "slug": "b"}}}"#,
            code: "E0609", message: "found an object without `workspace`"),
        Case(
            name: "a number in the workspaces list",
            input: #"{"workspaces": [{"workspace": {"id": "a", "slug": "b"}, "sources": [], "destinations": [], "warehouses": []}, 1️⃣42]}"#, code: "E0609", message: "found a number"),
        Case(name: "a top-level string", input: #"1️⃣"hello""#, code: "E0609", message: "found a string"),
        Case(
            name: "Terraform-like output that is not a plan (plans: TerraformDecodeTests)",
            input: #"1️⃣{"format_version": "1.2", "resources": [{"type": "segment_destination"}]}"#, code: "E0609",
            message: "found an object without `workspace`"),
        Case(
            name: "a YAML scalar document", path: "inv.yaml", input: "1️⃣just some text\n", code: "E0609", message: "found a string"
        ),
        Case(
            name: "a YAML list document", path: "inv.yml", input: "1️⃣- workspace: {id: a, slug: b}\n", code: "E0609",
            message: "found an array"),
    ]

    // MARK: E0610 invalid YAML

    static let yaml: [Case] = [
        Case(
            name: "an unclosed flow mapping", path: "inv.yaml", input: "workspace: {id: a, slug: b\nregion1️⃣: [\n",
            code: "E0610", message: "invalid YAML: did not find expected ',' or '}'", help: .exactly(nil)),
        Case(name: "an empty file", path: "inv.yaml", input: "1️⃣", code: "E0610", message: "invalid YAML: the file is empty"),
        Case(
            name: "only a comment", path: "inv.yaml", input: "1️⃣# nothing yet\n", code: "E0610",
            message: "invalid YAML: the file is empty"),
        Case(
            name: "two documents", path: "inv.yaml", input: "workspace: {id: a, slug: b}\n1️⃣---\nworkspace: {id: c, slug: d}\n",
            code: "E0610", message: "expected a single document in the stream"),
        // YAML 1.1's merge key would bring in keys that YAML 1.2 (read here) leaves out: an
        // anchor's `customEndpoint` merged under `datacenter: eu` would be missing.
        Case(
            name: "a merge key", path: "inv.yaml",
            input: "base: &us {customEndpoint: sdk.iad-01.braze.com}\nworkspace: {id: a, slug: b, 1️⃣<<: *us}\n",
            code: "E0610",
            message:
                "invalid YAML: a merge key (`<<`): YAML 1.2, which residency reads, has no merge keys, so the keys it would bring in would be missing; write them out"
        ),
        Case(
            name: "a tab for indentation", path: "inv.yaml", input: "workspace:\n1️⃣\tid: a\n", code: "E0610",
            message: "invalid YAML: found character that cannot start any token"),
        Case(
            name: "a mapping value where none may be", path: "inv.yaml",
            input: "workspace: {id: a, slug: b}\nregion: eu1️⃣: west\n",
            code: "E0610", message: "invalid YAML: mapping values are not allowed in this context"),
    ]

    // MARK: E0612, E0613

    static let references: [Case] = [
        Case(
            name: "an sdkConfig for an unknown source, with a suggestion",
            input: b(#""sources": [{"id": "src-one"}], "sdkConfigs": [{"sourceId": 1️⃣"src-onx", "library": "analytics-node"}]"#),
            code: "E0612", message: "sdkConfig names `src-onx`, which is not in this workspace",
            help: .exactly("did you mean `src-one`?")),
        Case(
            name: "an sdkConfig for an unknown source, nothing close",
            input: b(#""sources": [{"id": "src-one"}], "sdkConfigs": [{"sourceId": 1️⃣"zzz"}]"#), code: "E0612",
            message: "sdkConfig names `zzz`, which is not in this workspace", help: .exactly(nil)),
        Case(
            name: "warehouseAccess for an unknown warehouse",
            input: b(#""warehouses": [{"id": "wh-1"}], "warehouseAccess": [{"warehouseId": 1️⃣"wh-2", "allowlistedCidrs": []}]"#),
            code: "E0612", message: "warehouseAccess names `wh-2`, which is not in this workspace",
            help: .exactly("did you mean `wh-1`?")),
        Case(
            name: "a prefix length out of range",
            input: b(
                #""warehouses": [{"id": "w1"}], "warehouseAccess": [{"warehouseId": "w1", "allowlistedCidrs": ["3.251.148.96/29", 1️⃣"10.0.0.0/33"]}]"#
            ),
            code: "E0613", message: "invalid CIDR: prefix length 33 is out of range 0–32 for IPv4", help: .exactly(nil)),
        Case(
            name: "an octet out of range",
            input: b(
                #""warehouses": [{"id": "w1"}], "warehouseAccess": [{"warehouseId": "w1", "allowlistedCidrs": [1️⃣"300.1.1.1/8"]}]"#
            ),
            code: "E0613", message: "invalid CIDR: `300.1.1.1` is not a valid IPv4 address"),
        Case(
            name: "an empty CIDR",
            input: b(#""warehouses": [{"id": "w1"}], "warehouseAccess": [{"warehouseId": "w1", "allowlistedCidrs": [1️⃣""]}]"#),
            code: "E0613", message: "invalid CIDR: empty CIDR"),
        Case(
            name: "a CIDR in YAML", path: "inv.yaml",
            input:
                "workspace: {id: a, slug: b}\nsources: []\ndestinations: []\nwarehouses: [{id: w1}]\nwarehouseAccess:\n  - warehouseId: w1\n    allowlistedCidrs: [1️⃣10.0.0.0/x]\n",
            code: "E0613", message: "invalid CIDR: prefix length `x` is not a number"),
    ]

    // MARK: Warnings

    static let warnings: [Case] = [
        Case(
            name: "an unknown destination, with a suggestion",
            input: b(
                #""sources": [{"id": "s"}], "destinations": [{"id": "d", "sourceId": "s", "metadata": {"name": 1️⃣"Mixpanl (Actions)"}}]"#
            ),
            code: "W0601",
            message:
                #"destination integration "Mixpanl (Actions)" is not in the regional catalog; checks that need it will be indeterminate"#,
            help: .exactly("did you mean `Mixpanel (Actions)`?")),
        Case(
            name: "an unknown destination, nothing close",
            input: b(
                #""sources": [{"id": "s"}], "destinations": [{"id": "d", "sourceId": "s", "metadata": {"slug": "acme-x", "name": 1️⃣"Zzyzx Qqqq Integration"}}]"#
            ),
            code: "W0601", message: #"destination integration "Zzyzx Qqqq Integration" is not in the regional catalog"#,
            help: .exactly("add it to your own catalog file (see docs/catalog.md)")),
        Case(
            name: "an unknown source, with a suggestion",
            input: b(#""sources": [{"id": "s", "metadata": {"name": 1️⃣"Node.jss"}}]"#), code: "W0601",
            message: #"source integration "Node.jss" is not in the regional catalog"#, help: .exactly("did you mean `Node.js`?")),
        Case(
            name: "an unknown warehouse, with a suggestion",
            input: b(#""warehouses": [{"id": "w", "metadata": {"slug": "redshfit", "name": 1️⃣"Redshfit"}}]"#), code: "W0601",
            message: #"warehouse integration "Redshfit" is not in the regional catalog"#,
            help: .exactly("did you mean `Redshift`?")),
        Case(
            name: "a duplicate key in a source", input: b(#""sources": [{"id": "s1", 2️⃣"slug": "a", 1️⃣"slug": "b"}]"#),
            code: "E0616", message: "duplicate key `slug`: JSON readers disagree on which one counts",
            help: .exactly("keep one of them"), note: "2️⃣"),
        Case(
            name: "a duplicate key in the bundle", input: b(#"2️⃣"region": "eu-west", 1️⃣"region": "us-west""#), code: "E0616",
            message: "duplicate key `region`", note: "2️⃣"),
        Case(
            name: "a duplicate key in settings, after an emoji",
            input: b(
                #""sources": [{"id": "s"}], "destinations": [{"id": "d", "sourceId": "s", "settings": {2️⃣"apiRegion": "EU 🇪🇺", 1️⃣"apiRegion": "US 🇺🇸"}}]"#
            ),
            code: "E0616", message: "duplicate key `apiRegion`", note: "2️⃣"),
        Case(
            name: "a duplicate key in the workspace", input: #"{"workspace": {"id": "a", "slug": "b", 1️⃣"id": "c"}, "sources": [], "destinations": [], "warehouses": []}"#,
            code: "E0616", message: "duplicate key `id`"),
        Case(
            name: "a page with more to come",
            input: b(
                #""sources": {"data": {"sources": []}, "pagination": {"current": "MA==", "next": 1️⃣"Mw==", "previous": null}}"#),
            code: "W0603",
            message: #"the `sources` export has more pages (pagination.next = "Mw=="): resources on later pages are missing"#,
            help: .exactly(
                "fetch every page (follow `pagination.next`); until then the workspace is indeterminate (RES-013), "
                    + "unless --allow-incomplete")),
        Case(
            name: "a page with more to come, pagination inside data as the Public API answers",
            input: b(
                #""sources": {"data": {"sources": [], "pagination": {"current": "MA==", "next": 1️⃣"Mw==", "previous": null}}}"#),
            code: "W0603",
            message: #"the `sources` export has more pages (pagination.next = "Mw=="): resources on later pages are missing"#),
        // Any `next` but null names a page that follows: a cursor of another type too, and one
        // beside `data` when `data` has its own `pagination` without one.
        Case(
            name: "a page whose next cursor is a number",
            input: b(#""sources": {"data": {"sources": [], "pagination": {"current": 1, "next": 1️⃣2}}}"#),
            code: "W0603",
            message: #"the `sources` export has more pages (pagination.next = "2"): resources on later pages are missing"#),
        Case(
            name: "a page whose next cursor is beside data",
            input: b(
                #""sources": {"data": {"sources": [], "pagination": {"next": null}}, "pagination": {"next": 1️⃣"Mw=="}}"#),
            code: "W0603",
            message: #"the `sources` export has more pages (pagination.next = "Mw=="): resources on later pages are missing"#),
        // The last page given says none follow, but the pages hold fewer items than they count:
        // a page before it is missing.
        Case(
            name: "pages that hold fewer items than they count",
            input: b(
                #""sources": [{"data": {"sources": [{"id": "a"}], "pagination": {"current": "MA==", "next": "MQ==", "totalEntries": 1️⃣3}}}, {"data": {"sources": [{"id": "c"}], "pagination": {"current": "MQ==", "next": null, "totalEntries": 3}}}]"#
            ),
            code: "W0606",
            message: "the `sources` export holds 2 of the 3 items its pages count (pagination.totalEntries): a page is missing"),
        Case(
            name: "pages whose cursors do not chain",
            input: b(
                #""sources": [{"data": {"sources": [{"id": "a"}], "pagination": {"current": "MA==", "next": "MQ=="}}}, {"data": {"sources": [{"id": "c"}], "pagination": {"current": 1️⃣"Mg==", "next": null}}}]"#
            ),
            code: "W0608",
            message:
                #"the `sources` export's pages do not chain: this page is "Mg==" (pagination.current), but the page before it named "MQ==" as the next: a page is missing"#),
        Case(
            name: "a destinations page with more to come",
            input: b(#""destinations": [{"data": {"destinations": []}, "pagination": {"next": 1️⃣"NDAw"}}]"#), code: "W0603",
            message: #"the `destinations` export has more pages (pagination.next = "NDAw")"#),
        Case(
            name: "an unknown library, with a suggestion",
            input: b(#""sources": [{"id": "s1"}], "sdkConfigs": [{"sourceId": "s1", "library": 1️⃣"analytics-swfit"}]"#),
            code: "W0604",
            message: #"unknown SDK library "analytics-swfit"; its endpoint cannot be resolved"#,
            help: .exactly("did you mean `analytics-swift`?")),
        Case(
            name: "an unknown library, nothing close",
            input: b(#""sources": [{"id": "s1"}], "sdkConfigs": [{"sourceId": "s1", "library": 1️⃣"cobol"}]"#), code: "W0604",
            message: #"unknown SDK library "cobol"; its endpoint cannot be resolved"#,
            // Changed with the SDK URL rules: Go, Ruby, PHP and classic Analytics.NET are known too;
            // with issue 16, the legacy analytics-node package.
            help: .exactly(
                "known libraries: analytics-android, analytics-csharp, analytics-dotnet, analytics-flutter, analytics-go, "
                    + "analytics-ios, analytics-java, analytics-kotlin, analytics-node, analytics-node-legacy, analytics-php, analytics-python, "
                    + "analytics-react-native, analytics-ruby, analytics-swift, analytics-xamarin, analytics.js, http-api")),
        Case(
            name: "an apiHost that is not Segment's", input: b(#""apiHost": 1️⃣"https://segment.example.com""#), code: "W0605",
            message:
                "`apiHost` https://segment.example.com is not a Segment Public API host; the region cannot be inferred from it"),
    ]

    @Test(arguments: json + types + missing + structure + yaml + references + warnings)
    func diagnostic(_ c: Case) throws {
        let marked = InventoryMarked(c.input)
        let loaded = InventoryFixture.load(marked.text, path: c.path)
        let all = loaded.diagnostics.map { "\($0.code)@\($0.lineColumn) \($0.message)" }
        switch c.codes {
        case .only: #expect(loaded.codes == [c.code], "\(all)")
        case .exactly(let codes): #expect(loaded.codes == codes, "\(all)")
        case .unchecked: break
        }
        let d = try #require(
            loaded.diagnostics.first { $0.code == c.code && $0.lineColumn == marked.at() },
            "want \(c.code) at \(marked.at()), got \(all)")
        #expect(d.severity == (c.code.hasPrefix("E") ? .error : .warning))
        #expect(d.range?.file == c.path)
        #expect(d.message.contains(c.message), "\(d.message)")
        if case .exactly(let help) = c.help { #expect(d.help == help) }
        if let note = c.note {
            #expect(d.notes.count == 1)
            #expect(d.notes.first.flatMap(\.range).map { "\($0.start.line):\($0.start.column)" } == marked.at(note))
            #expect(d.notes.first?.range?.file == c.path)
        }
        // Ranges never run backwards or past the file.
        if let r = d.range {
            #expect(r.start.offset <= r.end.offset)
            #expect(r.end.offset <= marked.text.utf8.count)
        }
    }

    /// A value's range covers the whole value, not only its first character.
    @Test func rangeCoversTheOffendingValue() throws {
        let marked = InventoryMarked(InventoryFixture.bundle(#""sources": [{"id": "s1", "enabled": 1️⃣"maybe"2️⃣}]"#))
        let d = try #require(InventoryFixture.load(marked.text).diagnostics.first)
        #expect(d.code == "E0602")
        #expect(d.lineColumn == marked.at("1️⃣"))
        #expect(d.range.map { "\($0.end.line):\($0.end.column)" } == marked.at("2️⃣"))
    }

    @Test func duplicateKeyRangeCoversTheQuotedKey() throws {
        let marked = InventoryMarked(InventoryFixture.bundle(#""sources": [{"id": "s1", "slug": "a", 1️⃣"slug"2️⃣: "b"}]"#))
        let d = try #require(InventoryFixture.load(marked.text).diagnostics.first)
        #expect(d.code == "E0616")
        #expect(d.range.map { "\($0.end.line):\($0.end.column)" } == marked.at("2️⃣"))
    }

    // MARK: What happens to the model after a diagnostic

    @Test func theFirstOfDuplicateKeysIsUsed() throws {
        let text = InventoryFixture.bundle(
            #""sources": [{"id": "s"}], "destinations": [{"id": "d", "sourceId": "s", "metadata": {"slug": "actions-mixpanel"}, "settings": {"apiRegion": "EU 🇪🇺", "apiRegion": "US 🇺🇸"}}]"#
        )
        let model = try #require(InventoryFixture.load(text).only)
        #expect(model.destinations[0].endpoint.region == "eu")
    }

    @Test func resourcesWithErrorsAreLeftOutOrKeptAsDocumented() throws {
        let text = InventoryFixture.bundle(
            #""sources": [{"id": "s1", "enabled": "yes"}, {"slug": "no-id"}, {"id": 7}],"# + "\n"
                + #""destinations": [{"id": "d1", "sourceId": "gone"}, {"id": "d2"}],"# + "\n"
                + #""warehouses": [{"id": "w1"}], "warehouseAccess": [{"warehouseId": "w1", "allowlistedCidrs": ["10.0.0.0/8", "bad", 3]}]"#
        )
        let loaded = InventoryFixture.load(text)
        #expect(loaded.codes == ["E0602", "E0603", "E0602", "E0605", "E0603", "E0613", "E0602"])
        let model = try #require(loaded.only)
        // A source with a wrongly typed field stays, its field unknown; one without an id goes.
        #expect(model.sources.map(\.id) == ["s1"])
        #expect(model.sources[0].enabled == nil)
        // A dangling destination stays (policies see its source as missing); one without a sourceId goes.
        #expect(model.destinations.map(\.id) == ["d1"])
        #expect(model.sourceOfDestination == [-1])
        // Valid CIDRs are kept, invalid ones left out.
        #expect(model.warehouses[0].allowlistedCidrs?.map(\.description) == ["10.0.0.0/8"])
    }

    /// Host bits set are an error that names the network meant, as in a policy literal: never
    /// silently masked (issue 12), so `10.0.0.5/24` cannot quietly allow more than was written.
    @Test func cidrsWithHostBitsAreRejectedNotMasked() throws {
        let text = InventoryFixture.bundle(
            #""warehouses": [{"id": "w1"}], "warehouseAccess": [{"warehouseId": "w1", "allowlistedCidrs": [" 10.0.0.5/24 ", "3.251.148.97/29", "2001:db8::1/32", "192.0.2.7", "10.0.0.0/8"]}]"#
        )
        let loaded = InventoryFixture.load(text)
        #expect(loaded.codes == ["E0613", "E0613", "E0613"])
        #expect(loaded.diagnostics.first?.message == "invalid CIDR: host bits are set: 10.0.0.5/24 — did you mean 10.0.0.0/24?")
        #expect(loaded.diagnostics.map { $0.range?.start.column } == [94, 111, 130])
    }

    @Test func warehouseAccessEntriesForOneWarehouseAccumulate() throws {
        let text = InventoryFixture.bundle(
            #""warehouses": [{"id": "w1"}, {"id": "w2"}], "warehouseAccess": [{"warehouseId": "w1", "allowlistedCidrs": ["10.0.0.0/8"]}, {"warehouseId": "w1", "allowlistedCidrs": ["3.251.148.96/29"]}, {"warehouseId": "w2"}]"#
        )
        let loaded = InventoryFixture.load(text)
        #expect(loaded.diagnostics.isEmpty)
        let model = try #require(loaded.only)
        #expect(model.warehouses[0].allowlistedCidrs?.map(\.description) == ["10.0.0.0/8", "3.251.148.96/29"])
        // An entry without a list declares nothing: still missing, not empty.
        #expect(model.warehouses[1].allowlistedCidrs == nil)
    }

    @Test func unsupportedExportVersionDropsTheWorkspace() {
        let loaded = InventoryFixture.load(#"{"exportVersion": 2, "workspace": {"id": "a", "slug": "b"}, "sources": 7, "destinations": [], "warehouses": []}"#)
        #expect(loaded.codes == ["E0608"])
        #expect(loaded.workspaces.isEmpty)
    }

    @Test func exportVersionIsOptionalAndOneMayBeWrittenAsADecimal() {
        #expect(InventoryFixture.load(#"{"workspace": {"id": "a", "slug": "b"}, "sources": [], "destinations": [], "warehouses": []}"#).workspaces.count == 1)
        let decimal = InventoryFixture.load(#"{"exportVersion": 1.0, "workspace": {"id": "a", "slug": "b"}, "sources": [], "destinations": [], "warehouses": []}"#)
        #expect(decimal.diagnostics.isEmpty)
        #expect(decimal.workspaces.count == 1)
    }

    /// Changed with issue 11: the bundle's top level is ours, so an unknown key there is an
    /// error (E0617): a misspelt list (`Destinations`) would otherwise be dropped unread.
    @Test func unknownBundleKeysAreErrors() {
        let loaded = InventoryFixture.load(
            InventoryFixture.bundle(#""exportedAt": "2026-11-28T02:00:00Z", "comment": {"any": ["thing"]}"#))
        #expect(loaded.codes == ["E0617"])
    }

    @Test func knownIntegrationsRaiseNoWarning() {
        let text = InventoryFixture.bundle(
            #""sources": [{"id": "s", "metadata": {"name": "node.js"}}], "destinations": [{"id": "d", "sourceId": "s", "metadata": {"slug": "actions-mixpanel", "name": "Mixpanel, as renamed by us"}}], "warehouses": [{"id": "w", "metadata": {"slug": "snowflake", "name": "Snowflake (our account)"}}]"#
        )
        let loaded = InventoryFixture.load(text)
        // The slug finds the entry whatever the name says; names match ignoring case.
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.only?.destinations[0].vendor == "Mixpanel")
    }

    // MARK: E0611, E0614, E0615: files

    @Test func missingPathIsUnreadable() {
        let path = NSTemporaryDirectory() + "residency-no-such-" + UUID().uuidString
        let loaded = InventoryLoader.load(paths: [path], catalog: InventoryFixture.catalog)
        #expect(loaded.codes == ["E0611"])
        let d = loaded.diagnostics[0]
        #expect(d.message == "cannot read inventory \(path): no such file or folder")
        #expect(d.range == nil)
        #expect(d.severity == .error)
        #expect(loaded.workspaces.isEmpty)
    }

    @Test func emptyFolderHasNoInventory() throws {
        let root = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try InventoryFixture.write("just notes", to: root + "/notes.txt")
        let loaded = InventoryLoader.load(paths: [root], catalog: InventoryFixture.catalog)
        // Changed with fail-closed folders: the file not read is listed too (W1701).
        #expect(loaded.codes == ["W1701", "E0614"])
        #expect(loaded.diagnostics.last?.message == "no inventory files (*.json, *.yaml, *.yml) in \(root)")
        #expect(loaded.diagnostics.last?.range == nil)
        #expect(loaded.files.isEmpty)
    }

    /// Changed with fail-closed folders: a folder named like a file is a folder, walked like
    /// any other (InventoryFolderTests); what cannot be read is a FIFO, and the reason says so.
    @Test func folderEntryThatIsNotAFileIsUnreadable() throws {
        let root = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(mkfifo(root + "/odd.json", 0o600) == 0)
        try InventoryFixture.write(InventoryFixture.bundle(), to: root + "/real.json")
        let loaded = InventoryLoader.load(paths: [root], catalog: InventoryFixture.catalog)
        #expect(loaded.codes == ["E0611"])
        #expect(
            loaded.diagnostics.first?.message
                == "cannot read inventory \(root)/odd.json: it is a FIFO (named pipe), not a regular file")
        #expect(loaded.workspaces.map(\.workspace.id) == ["ws1"])
    }

    @Test func pathDiagnosticsComeBeforeFileDiagnostics() throws {
        let root = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try InventoryFixture.write("[", to: root + "/full/bad.json")
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        let loaded = InventoryLoader.load(
            paths: [root + "/full", root + "/empty", root + "/missing"], catalog: InventoryFixture.catalog)
        #expect(loaded.codes == ["E0614", "E0611", "E0601"])
    }

    @Test func sameWorkspaceInTwoFilesIsReportedAtTheSecond() throws {
        let first = InventoryMarked(#"{"workspace": 2️⃣{"id": "ws-1", "slug": "a"}, "region": "eu-west", "sources": [], "destinations": [], "warehouses": []}"#)
        let second = InventoryMarked(
            "# again\nexportVersion: 1\nworkspace:\n  data:\n    workspace:\n      1️⃣id: ws-1\n      slug: b\nsources: []\ndestinations: []\nwarehouses: []\n")
        let loaded = InventoryFixture.load([("a.json", first.text), ("b.yaml", second.text)])
        #expect(loaded.codes == ["E0615"])
        let d = loaded.diagnostics[0]
        #expect(d.message == "workspace `ws-1` appears twice in the inventories")
        #expect(d.range?.file == "b.yaml")
        #expect(d.lineColumn == second.at())
        #expect(d.notes.map(\.message) == ["first here"])
        #expect(d.notes.first?.range?.file == "a.json")
        #expect(d.notes.first?.range.map { "\($0.start.line):\($0.start.column)" } == first.at("2️⃣"))
        // The first one is kept.
        #expect(loaded.workspaces.map(\.workspace.slug) == ["a"])
    }

    /// Reports name workspaces by slug (findings, HTML pages, JUnit files): two workspaces with
    /// one slug could not be told apart, so the second is refused at its place.
    @Test func twoWorkspacesWithOneSlugAreRefused() throws {
        let first = InventoryMarked(#"{"workspace": 2️⃣{"id": "ws-1", "slug": "acme"}, "region": "eu-west", "sources": [], "destinations": [], "warehouses": []}"#)
        let second = InventoryMarked(#"{"workspace": 1️⃣{"id": "ws-2", "slug": "acme"}, "region": "us-west", "sources": [], "destinations": [], "warehouses": []}"#)
        let loaded = InventoryFixture.load([("a.json", first.text), ("b.json", second.text)])
        #expect(loaded.codes == ["E0615"])
        let d = loaded.diagnostics[0]
        #expect(d.message == "workspace `ws-2` has the slug `acme` of another workspace in the inventories")
        #expect(d.range?.file == "b.json")
        #expect(d.lineColumn == second.at())
        #expect(d.notes.first?.range?.file == "a.json")
        #expect(d.notes.first?.range.map { "\($0.start.line):\($0.start.column)" } == first.at("2️⃣"))
        #expect(d.help == "reports name workspaces by slug; audit the two in separate runs")
        #expect(loaded.workspaces.map(\.workspace.id) == ["ws-1"])
    }

    @Test func sameWorkspaceTwiceInOneFile() throws {
        let marked = InventoryMarked(
            #"{"workspaces": [{"workspace": {"id": "w", "slug": "a"}, "sources": [], "destinations": [], "warehouses": []}, {"workspace": 1️⃣{"id": "w", "slug": "b"}, "sources": [], "destinations": [], "warehouses": []}]}"#)
        let loaded = InventoryFixture.load(marked.text)
        #expect(loaded.codes == ["E0615"])
        #expect(loaded.diagnostics.first?.lineColumn == marked.at())
        #expect(loaded.workspaces.map(\.workspace.slug) == ["a"])
    }

    @Test func brokenFileDoesNotStopTheOthers() {
        let loaded = InventoryFixture.load([("a.json", "{"), ("b.yaml", "workspace: [\n"), ("c.json", InventoryFixture.bundle())])
        #expect(loaded.codes == ["E0601", "E0610"])
        #expect(loaded.diagnostics.map(\.range?.file) == ["a.json", "b.yaml"])
        #expect(loaded.workspaces.map(\.workspace.id) == ["ws1"])
    }

    /// Every code the loader can emit is documented in docs/diagnostics.md.
    @Test func everyInventoryCodeIsDocumented() {
        let doc = InventoryFixture.text("docs/diagnostics.md")
        let codes =
            (1...15).map { String(format: "E06%02d", $0) } + (1...5).map { String(format: "W06%02d", $0) } + [
                "W0701", "E0701", "E0702",
            ]
        for code in codes { #expect(doc.contains("`\(code)`"), "\(code) is not in docs/diagnostics.md") }
    }
}
