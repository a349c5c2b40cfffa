#!/usr/bin/env python3
"""pyHanko side of kyso's CMS interop tests (run by tests/pyhanko_interop.rs).

  pyhanko_cms.py sign DATA KEY CERT OUT [--chain FILE]... [--pass PASSENV]
      make a detached CMS signature of DATA with pyHanko (CAdES), DER, written to OUT
  pyhanko_cms.py verify DATA SIG ROOT [--untrusted FILE]... [--expect-timestamp]
      validate a detached CMS signature with pyHanko, trusting ROOT (also for the timestamp token);
      prints a JSON line with the outcome, exits 0 when intact, valid and trusted, 1 otherwise.

Nothing here touches the network: revocation checking is off.
"""
import argparse
import asyncio
import json
import os
import sys

from asn1crypto import cms, pem, x509
from pyhanko.sign import signers
from pyhanko.sign.validation import generic_cms
from pyhanko_certvalidator import ValidationContext


def load_certs(path):
    with open(path, "rb") as f:
        data = f.read()
    if pem.detect(data):
        return [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
    return [x509.Certificate.load(data)]


async def sign(args):
    passphrase = os.environ[args.pass_env].encode() if args.pass_env else None
    signer = signers.SimpleSigner.load(args.key, args.cert, ca_chain_files=args.chain or None,
                                       key_passphrase=passphrase)
    with open(args.data, "rb") as f:
        data = f.read()
    ci = await signer.async_sign_general_data(data, "sha256", detached=True, use_cades=True)
    with open(args.out, "wb") as f:
        f.write(ci.dump())


async def verify(args):
    with open(args.data, "rb") as f:
        data = f.read()
    with open(args.sig, "rb") as f:
        raw = f.read()
    if pem.detect(raw):
        _, _, raw = pem.unarmor(raw)
    ci = cms.ContentInfo.load(raw)
    roots = load_certs(args.root)
    others = [c for p in args.untrusted for c in load_certs(p)]
    vc = ValidationContext(trust_roots=roots, other_certs=others, allow_fetching=False,
                           revocation_mode="soft-fail")
    tvc = ValidationContext(trust_roots=roots, other_certs=others, allow_fetching=False,
                            revocation_mode="soft-fail")
    status = await generic_cms.async_validate_detached_cms(
        data, ci["content"], signer_validation_context=vc, ts_validation_context=tvc)
    ts = status.timestamp_validity
    out = {
        "intact": status.intact,
        "valid": status.valid,
        "trusted": status.trusted,
        "bottom_line": status.bottom_line,
        "timestamp": None if ts is None else {
            "intact": ts.intact, "valid": ts.valid, "trusted": ts.trusted, "time": ts.timestamp.isoformat()},
        "summary": status.summary(),
    }
    print(json.dumps(out))
    ok = status.intact and status.valid and status.trusted
    if args.expect_timestamp:
        ok = ok and ts is not None and ts.intact and ts.valid and ts.trusted
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sign")
    s.add_argument("data"); s.add_argument("key"); s.add_argument("cert"); s.add_argument("out")
    s.add_argument("--chain", action="append", default=[])
    s.add_argument("--pass-env", dest="pass_env")
    v = sub.add_parser("verify")
    v.add_argument("data"); v.add_argument("sig"); v.add_argument("root")
    v.add_argument("--untrusted", action="append", default=[])
    v.add_argument("--expect-timestamp", action="store_true")
    args = p.parse_args()
    if args.cmd == "sign":
        asyncio.run(sign(args))
        return 0
    return asyncio.run(verify(args))


if __name__ == "__main__":
    sys.exit(main())
