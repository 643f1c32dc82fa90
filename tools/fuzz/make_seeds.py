#!/usr/bin/env python3
"""Writes the seed corpora of the Jazzer fuzz tests (run from the repository root; the files are committed).

Each seed is one small file the reader must accept or refuse with a UserError: valid files, and one of each
kind of damage the readers check for, so that regression mode (plain `mvn verify`) replays them all.
"""
import gzip
import hashlib
import json
import os
import struct

RES = "src/test/resources/org/vae4j"


def put(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def idx(magic, dims, data):
    return struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims) + bytes(data)


def pair(images, labels):
    return struct.pack(">I", len(images)) + images + labels


def idx_seeds():
    d = RES + "/data/IdxReaderFuzzTestInputs/readsOrRefuses"
    imgs = idx(0x803, [3, 2, 2], range(12))
    labs = idx(0x801, [3], [0, 9, 5])
    put(d, "valid-raw", pair(imgs, labs))
    put(d, "valid-gzip", pair(gzip.compress(imgs, mtime=0), gzip.compress(labs, mtime=0)))
    put(d, "truncated-gzip", pair(gzip.compress(imgs, mtime=0)[:-9], labs))
    put(d, "wrong-magic", pair(idx(0x801, [3], [0, 1, 2]), labs))
    put(d, "count-mismatch", pair(imgs, idx(0x801, [2], [0, 1])))
    put(d, "label-out-of-range", pair(imgs, idx(0x801, [3], [0, 10, 255])))
    put(d, "truncated-data", pair(imgs[:-3], labs))
    put(d, "trailing-data", pair(imgs + b"\0", labs))
    put(d, "huge-dimensions", pair(idx(0x803, [0x7FFFFFFF, 0x7FFFFFFF, 2], []), labs))
    put(d, "zero-dimension", pair(idx(0x803, [0, 2, 2], []), labs))
    put(d, "header-only", pair(struct.pack(">I", 0x803), labs))


def safetensors(header, data=b"", raw_header=None):
    h = raw_header if raw_header is not None else json.dumps(header, separators=(",", ":")).encode()
    return struct.pack("<Q", len(h)) + h + data


def f32(values):
    return b"".join(struct.pack("<f", v) for v in values)


def tiny_shapes(hidden=3, latent=2, p=4, classes=0):
    return [("encoder.hidden.weight", [hidden, p + classes]), ("encoder.hidden.bias", [hidden]),
            ("encoder.mean.weight", [latent, hidden]), ("encoder.mean.bias", [latent]),
            ("encoder.logvar.weight", [latent, hidden]), ("encoder.logvar.bias", [latent]),
            ("decoder.hidden.weight", [hidden, latent + classes]), ("decoder.hidden.bias", [hidden]),
            ("decoder.output.weight", [p, hidden]), ("decoder.output.bias", [p])]


def tiny_data(shapes):
    data = b""
    for _, shape in shapes:
        n = 1
        for s in shape:
            n *= s
        data += f32([0.01 * i for i in range(n)])
    return data


def tiny_model(config=None, hidden=3, latent=2, rows=2, cols=2, classes=0, checksum=None):
    """A model file of the lab MLP's layout: version 1 by default; with a config, that config, and the
    parameters' SHA-256 under "sha256" when checksum is "right" (or the given text)."""
    p = rows * cols
    shapes = tiny_shapes(hidden, latent, p, classes)
    data = tiny_data(shapes)
    if config is None:
        config = {"format": "vae4j-mlp-vae", "version": 1, "input": p, "hidden": hidden, "latent": latent,
                  "rows": rows, "cols": cols}
    if checksum is not None:
        config = dict(config, sha256=hashlib.sha256(data).hexdigest() if checksum == "right" else checksum)
    header = {"__metadata__": {"config": json.dumps(config) if not isinstance(config, str) else config}}
    offset = 0
    for name, shape in shapes:
        n = 1
        for s in shape:
            n *= s
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + 4 * n]}
        offset += 4 * n
    return safetensors(header, data)


def v2_config(kind="mlp", classes=0, **more):
    c = {"format": "vae4j-vae", "version": 2, "kind": kind, "rows": 2, "cols": 2, "input": 4, "hidden": 3,
         "latent": 2, "likelihood": "bernoulli"}
    if classes:
        c["classes"] = classes
    c.update(more)
    return c


def safetensors_seeds():
    d = RES + "/nn/SafeTensorsFuzzTestInputs/readsOrRefuses"
    w = {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}
    put(d, "valid", safetensors({"__metadata__": {"k": "v"}, "w": w}, f32([1, 2])))
    put(d, "valid-empty", safetensors({}))
    put(d, "model", tiny_model())
    put(d, "not-json", safetensors(None, raw_header=b'{"w": '))
    put(d, "not-object", safetensors([1, 2]))
    put(d, "duplicate", safetensors(None, f32([1, 2]), raw_header=b'{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'))
    put(d, "unknown-dtype", safetensors({"w": {"dtype": "Q7", "shape": [2], "data_offsets": [0, 8]}}, f32([1, 2])))
    put(d, "shape-offsets", safetensors({"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}, f32([1, 2])))
    put(d, "beyond-file", safetensors({"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}, f32([1, 2])))
    put(d, "overlap", safetensors({"a": w, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}, f32([1, 2, 3])))
    put(d, "gap", safetensors({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
                               "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]}}, f32([1, 2, 3])))
    put(d, "trailing", safetensors({"w": w}, f32([1, 2, 3])))
    put(d, "huge-shape", safetensors({"w": {"dtype": "F32", "shape": [2147483647, 2147483647, 2147483647], "data_offsets": [0, 8]}}, f32([1, 2])))
    put(d, "header-length-huge", struct.pack("<Q", 2**63 + 5) + b"{}")
    put(d, "header-length-beyond", struct.pack("<Q", 1000) + b"{}")
    put(d, "short", b"\x01\x02\x03")
    put(d, "deep-nesting", safetensors(None, raw_header=b"[" * 5000 + b"]" * 5000))


def model_seeds():
    d = RES + "/model/ModelFileFuzzTestInputs/loadsOrRefuses"
    put(d, "valid", tiny_model())
    put(d, "no-config", safetensors({"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}, f32([1])))
    put(d, "config-not-json", tiny_model(config="{oops"))
    put(d, "huge-config", tiny_model(config={"format": "vae4j-mlp-vae", "version": 1, "input": 4,
                                             "hidden": 2000000000, "latent": 2000000000}))
    put(d, "wrong-version", tiny_model(config={"format": "vae4j-mlp-vae", "version": 7, "input": 4,
                                               "hidden": 3, "latent": 2}))
    put(d, "rows-cols-disagree", tiny_model(config={"format": "vae4j-mlp-vae", "version": 1, "input": 4,
                                                    "hidden": 3, "latent": 2, "rows": 3, "cols": 3}))
    put(d, "shapes-disagree", tiny_model(config={"format": "vae4j-mlp-vae", "version": 1, "input": 4,
                                                 "hidden": 3, "latent": 3}))
    put(d, "valid-v2", tiny_model(config=v2_config(), checksum="right"))
    put(d, "valid-v2-cvae", tiny_model(config=v2_config("cvae", 3), classes=3, checksum="right"))
    put(d, "checksum-mismatch", tiny_model(config=v2_config(), checksum="0" * 64))
    put(d, "unknown-kind", tiny_model(config=v2_config("gan"), checksum="right"))
    put(d, "cvae-without-classes", tiny_model(config=v2_config("cvae"), checksum="right"))
    put(d, "v2-format-version-1", tiny_model(config=dict(v2_config(), version=1)))


def checkpoint(meta, p=56, tensors=("params", "adam.m", "adam.v")):
    header = {"__metadata__": {"checkpoint": json.dumps(meta) if not isinstance(meta, str) else meta}}
    data = b""
    for i, name in enumerate(tensors):
        header[name] = {"dtype": "F32", "shape": [p], "data_offsets": [4 * p * i, 4 * p * (i + 1)]}
        data += f32([0.5 * i + j for j in range(p)])
    return safetensors(header, data)


def checkpoint_seeds():
    d = RES + "/train/CheckpointFileFuzzTestInputs/loadsOrRefuses"
    # the options of a run of the tiny model (56 parameters) on 3 training images
    options = {"dataset": "mnist", "rows": 2, "cols": 2, "input": 4, "hidden": 3, "latent": 2, "epochs": 2,
               "batch": 2, "lr": 0.001, "seed": 1, "clip": 0.0, "binarize": "none", "threads": 1,
               "engine": "java-vector", "train_images": 3, "test_images": 3, "data": None, "java": "17"}
    good = {"format": "vae4j-checkpoint", "version": 2, "epoch": 1, "adam_step": 4, "rng": [1, -2, 3, 4],
            "options": dict(options, kind="mlp", objective="elbo", beta=1.0, kl_warmup=0, k=1), "order": [2, 0, 1],
            "metrics": [{"epoch": 1, "train_nelbo": 1.5, "test_nelbo": 1.25, "test_recon": 1.0,
                         "test_kl": 0.25, "seconds": 0.1, "images_per_second": 30.0}]}
    put(d, "valid", checkpoint(good))
    put(d, "valid-v1", checkpoint(dict(good, version=1, options=options)))
    put(d, "options-other-model", checkpoint(dict(good, options=dict(good["options"], hidden=4))))
    put(d, "options-missing-epochs", checkpoint(dict(good, options={k: v for k, v in options.items() if k != "epochs"})))
    put(d, "options-bad-objective", checkpoint(dict(good, options=dict(good["options"], objective="iwae", beta=4.0))))
    put(d, "order-repeats", checkpoint(dict(good, order=[2, 2, 1])))
    put(d, "order-outside", checkpoint(dict(good, order=[0, 1, 7])))
    put(d, "metrics-count", checkpoint(dict(good, epoch=3)))
    put(d, "rng-short", checkpoint(dict(good, rng=[1, 2])))
    put(d, "not-json", checkpoint("{oops"))
    put(d, "missing-tensor", checkpoint(good, tensors=("params", "adam.m")))
    put(d, "wrong-format", checkpoint(dict(good, format="other")))


if __name__ == "__main__":
    idx_seeds()
    safetensors_seeds()
    model_seeds()
    checkpoint_seeds()
