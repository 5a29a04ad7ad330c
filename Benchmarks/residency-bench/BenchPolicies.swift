/// Ten policies and one permit of the kind the design notes describe, all over destinations
/// so that every resource meets every policy: 200,000 destinations × 10 policies is the
/// 2,000,000 evaluations the performance target speaks of.
enum BenchPolicies {
    static let text = """
        param swiss_adequacy: bool = false
        let eu_ingest = "events.eu1.segmentapis.com"

        policy RES-001 "EU data never leaves the EU" {
          severity error
          for destination d
          where d.workspace.region == "eu-west" and d.enabled
          require d.endpoint.region == "eu"
          message "{d.name} sends data to the {d.endpoint.region} endpoint"
        }

        permit RES-002 "EU-US transfers under the Data Privacy Framework" {
          permits RES-001
          for destination d
          where d.endpoint.region == "us" and d.vendor in facts.dpfCertified and audit.date >= 2023-07-10
            and (not ("CH" in d.workspace.dataSubjects) or swiss_adequacy)
          basis "EU-US Data Privacy Framework (GDPR Art. 45)"
        }

        policy RES-003 "Integrations without an EU endpoint" {
          severity warning
          for destination d
          where d.workspace.region == "eu-west"
          require catalog.destination(d.catalogName).euEndpoint
          message "{d.catalogName} offers no EU endpoint"
        }

        policy B-004 "Endpoint host is known" {
          severity warning
          for destination d
          where d.enabled
          require exists(d.endpoint.host)
          message "no host for {d.name}"
        }

        policy B-005 "EU hosts end in .eu or are Segment's EU ingest" {
          severity error
          for destination d
          where d.endpoint.region == "eu"
          require d.endpoint.host.endsWith(".eu") or d.endpoint.host == eu_ingest or d.endpoint.host.contains(".eu.")
          message "{d.endpoint.host} does not look European"
        }

        policy B-006 "Region is one we accept" {
          severity error
          for destination d
          require (d.endpoint.region ?? "unknown") in ["eu", "us"]
          message "unexpected region"
        }

        policy B-007 "Source sends to the workspace's region" {
          severity error
          for destination d
          where d.workspace.region == "eu-west"
          require d.source.ingestRegion == "eu"
          message "source of {d.name} ingests in the US"
        }

        policy B-008 "Disabled destinations are named" {
          severity info
          for destination d
          where not d.enabled
          require d.name != ""
          message "unnamed"
        }

        policy B-009 "Vendors in EU workspaces have a transfer mechanism" {
          severity warning
          for destination d
          where d.workspace.region == "eu-west" and d.endpoint.region != "eu"
          require d.vendor in facts.dpfCertified or d.vendor in facts.sccVendors
          message "{d.vendor} has no transfer mechanism"
        }

        policy B-010 "Catalog names are Actions integrations" {
          severity info
          for destination d
          require d.catalogName.endsWith("(Actions)") or d.catalogName.startsWith("Segment")
          message "classic integration {d.catalogName}"
        }

        policy B-011 "Workspaces declare whose data they hold" {
          severity warning
          for destination d
          where d.enabled
          require exists(d.workspace.dataSubjects) and not d.workspace.dataSubjects.isEmpty()
          message "{d.workspace.slug} does not say whose data it holds"
        }
        """
}
