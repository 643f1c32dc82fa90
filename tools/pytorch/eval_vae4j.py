"""Evaluates a vae4j model file in PyTorch: the test -ELBO (nats per image, z sampled), to set beside vae4j's.

    /usr/bin/python3 tools/pytorch/eval_vae4j.py RUN/model.safetensors [--data DIR] [--samples 10]
        [--test-images N] [--seed 1]

The model is built from the layer list in its file (vae.py's load_vae4j), whatever its kind. Pixels are x/255,
as vae4j's grey runs use them (a binarized run's test set is a binary draw this script does not repeat). The
-ELBO averages `--samples` draws of z per image, as `vae4j eval --samples` does, so that the two estimates
differ by little more than their sampling noise, which it prints.
"""
import argparse, gzip, json, math, os, sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vae import load_vae4j, loss_sums, read_safetensors  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
p = argparse.ArgumentParser(description='vae4j model, evaluated in PyTorch')
p.add_argument('model')
p.add_argument('--data', default=os.path.join(ROOT, '..', 'shared', 'data', 'mnist'))
p.add_argument('--samples', type=int, default=10)
p.add_argument('--test-images', type=int)
p.add_argument('--seed', type=int, default=1)
args = p.parse_args()
torch.manual_seed(args.seed)

_, meta = read_safetensors(args.model)
config = json.loads(meta['config'])
if config.get('binarize', 'none') != 'none':
    sys.exit(f'{args.model}: trained on binarized pixels, whose test set this script does not draw')
with gzip.open(os.path.join(args.data, 't10k-images-idx3-ubyte.gz'), 'rb') as f:
    buf = f.read()
n = int(np.frombuffer(buf[4:8], dtype='>u4')[0])
x_all = torch.from_numpy(np.frombuffer(buf, dtype=np.uint8, offset=16).reshape(n, -1).copy()).float() / 255
if args.test_images:
    x_all = x_all[:args.test_images]

model = load_vae4j(args.model)
means, variances = [], []
with torch.no_grad():
    for x in x_all.split(500):
        draws = []
        for _ in range(args.samples):
            logits, mu, logvar, _ = model(x)
            recon = torch.nn.functional.binary_cross_entropy_with_logits(logits, x, reduction='none').sum(1)
            kl = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(1)
            draws.append((recon + kl).double())
        draws = torch.stack(draws)
        means.append(draws.mean(0))
        variances.append(draws.var(0) / args.samples if args.samples > 1 else torch.zeros(len(x)))
nelbo, variance = torch.cat(means), torch.cat(variances)
# the estimate's noise from sampling z alone (the same images on both sides)
noise = math.sqrt(variance.sum()) / len(nelbo)
print(f'{args.model}: {config.get("kind", "mlp")} model, test -ELBO {nelbo.mean():.2f} nats per image '
      f'({args.samples} z per image, {len(nelbo)} images; sampling noise +-{noise:.2f})')
