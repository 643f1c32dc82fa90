"""Writes src/test/resources/golden/vae_golden.safetensors: a small VAE (784-16-3, batch 5) with its
initial parameters, one forward/backward pass (activations, loss, gradients) and three Adam steps,
all computed by PyTorch in float32 for vae4j's tests.

    /usr/bin/python3 tools/pytorch/make_golden.py [--data DIR] [--out FILE]

x is the first 5 MNIST test images / 255 (from the gz IDX file), which has exact 0s and 1s.
"""
import argparse, gzip, json, os, sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vae import VAE, loss_sums, read_safetensors, save_safetensors  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INPUT, HIDDEN, LATENT, BATCH = 784, 16, 3, 5
LR, BETA1, BETA2, EPS = 1e-3, 0.9, 0.999, 1e-8

p = argparse.ArgumentParser()
p.add_argument('--data', default=os.path.join(ROOT, '..', 'shared', 'data', 'mnist'))
p.add_argument('--out', default=os.path.join(ROOT, 'src', 'test', 'resources', 'golden',
                                             'vae_golden.safetensors'))
args = p.parse_args()

torch.set_num_threads(1)
torch.manual_seed(20240601)
torch.set_default_dtype(torch.float32)

with gzip.open(os.path.join(args.data, 't10k-images-idx3-ubyte.gz'), 'rb') as f:
    buf = f.read(16 + BATCH * INPUT)
assert np.frombuffer(buf[:4], dtype='>u4')[0] == 2051
x = torch.from_numpy(np.frombuffer(buf, dtype=np.uint8, offset=16).reshape(BATCH, INPUT).copy()).float() / 255
assert (x == 0).any() and (x == 1).any()

model = VAE(INPUT, HIDDEN, LATENT)
out = {k: v.detach().clone() for k, v in model.state_dict().items()}
initial = {k: v.clone() for k, v in out.items()}

# one forward/backward pass
eps = torch.randn(BATCH, LATENT)
logits, mu, logvar, z = model(x, eps)
recon_sum, kl_sum = loss_sums(logits, x, mu, logvar)
loss = (recon_sum + kl_sum) / BATCH
loss.backward()
out.update(x=x, eps=eps, mu=mu, logvar=logvar, z=z, logits=logits,
           loss=loss.reshape(1), recon=(recon_sum / BATCH).reshape(1), kl=(kl_sum / BATCH).reshape(1))
out.update({f'grad.{k}': p.grad.clone() for k, p in model.named_parameters()})

# three Adam steps from the initial parameters with a fresh optimizer, each with its own eps
model = VAE(INPUT, HIDDEN, LATENT)
model.load_state_dict(initial)
opt = torch.optim.Adam(model.parameters(), lr=LR, betas=(BETA1, BETA2), eps=EPS)
for t in (1, 2, 3):
    eps_t = torch.randn(BATCH, LATENT)
    opt.zero_grad()
    logits, mu, logvar, _ = model(x, eps_t)
    loss_t = sum(loss_sums(logits, x, mu, logvar)) / BATCH
    loss_t.backward()
    opt.step()
    out[f'adam.eps.{t}'] = eps_t
    out[f'adam.loss.{t}'] = loss_t.detach().reshape(1)
out.update({f'adam.{k}': v.detach().clone() for k, v in model.state_dict().items()})

out = {k: v.detach().to(torch.float32).contiguous() for k, v in out.items()}
config = dict(input=INPUT, hidden=HIDDEN, latent=LATENT, batch=BATCH, lr=LR, beta1=BETA1, beta2=BETA2, eps=EPS)
metadata = {'config': json.dumps(config), 'generator': 'tools/pytorch/make_golden.py', 'torch': torch.__version__}
os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
save_safetensors(args.out, out, metadata)

# read back and check
back, meta = read_safetensors(args.out)
assert meta == metadata and list(back) == list(out)
for k, v in out.items():
    assert back[k].shape == v.shape and torch.equal(back[k], v), k
print(f'wrote {args.out} ({os.path.getsize(args.out)} bytes, {len(out)} tensors)')
print(f'loss {loss.item():.6f} recon {recon_sum.item() / BATCH:.6f} kl {kl_sum.item() / BATCH:.6f}; adam losses',
      ' '.join(f'{out[f"adam.loss.{t}"].item():.6f}' for t in (1, 2, 3)))
