"""Writes the golden files of vae4j's tests, src/test/resources/golden/*_golden.safetensors: small models
(784-16-3, batch 5) with their initial parameters, one forward/backward pass (activations, loss, every
gradient) and three Adam steps, all computed by PyTorch in float32.

    /usr/bin/python3 tools/pytorch/make_golden.py [--data DIR] [--out DIR]

x is the first 5 MNIST test images / 255 (from the gz IDX files), which have exact 0s and 1s; the
conditional model takes their labels. The files, each with its setting in the metadata "config":
  vae_golden    the lab reports' MLP and loss, the negative ELBO
  beta_golden   the same MLP, the KL term weighted by beta = 4
  cvae_golden   the conditional MLP (classes 10), the negative ELBO
  iwae_golden   the MLP, the IWAE bound with K = 3 (eps is (B, K, d)), computed in float64: its gradient
                weighs each sample by the exponential of its log-weight, a sum of 784 terms whose float32
                rounding (~1e-4 nats) would move the weights, and the reference, by ~1e-4 of their size
"""
import argparse, gzip, json, os, sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vae import VAE, iwae_loss, loss_sums, mlp_layers, read_safetensors, save_safetensors  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INPUT, HIDDEN, LATENT, BATCH, CLASSES = 784, 16, 3, 5, 10
LR, BETA1, BETA2, EPS = 1e-3, 0.9, 0.999, 1e-8

p = argparse.ArgumentParser()
p.add_argument('--data', default=os.path.join(ROOT, '..', 'shared', 'data', 'mnist'))
p.add_argument('--out', default=os.path.join(ROOT, 'src', 'test', 'resources', 'golden'))
args = p.parse_args()
torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)

with gzip.open(os.path.join(args.data, 't10k-images-idx3-ubyte.gz'), 'rb') as f:
    buf = f.read(16 + BATCH * INPUT)
assert np.frombuffer(buf[:4], dtype='>u4')[0] == 2051
X = torch.from_numpy(np.frombuffer(buf, dtype=np.uint8, offset=16).reshape(BATCH, INPUT).copy()).float() / 255
assert (X == 0).any() and (X == 1).any()
with gzip.open(os.path.join(args.data, 't10k-labels-idx1-ubyte.gz'), 'rb') as f:
    buf = f.read(8 + BATCH)
Y = torch.from_numpy(np.frombuffer(buf, dtype=np.uint8, offset=8).astype(np.int64))


def golden(name, seed, kind='mlp', objective='elbo', beta=1.0, k=1, dtype=torch.float32):
    """One forward/backward pass and three Adam steps of a model, computed in dtype from float32 parameters,
    input and eps; writes NAME.safetensors."""
    torch.manual_seed(seed)
    classes = CLASSES if kind == 'cvae' else 0
    y = Y if classes else None
    x = X.to(dtype)
    layers = mlp_layers(INPUT, HIDDEN, LATENT, classes)
    model = VAE(layers, classes)
    out = {k_: v.detach().clone() for k_, v in model.state_dict().items()}
    initial = {k_: v.clone() for k_, v in out.items()}
    model.to(dtype)

    def eps_shape():
        return (BATCH, k, LATENT) if objective == 'iwae' else (BATCH, LATENT)

    def loss_of(m, eps):
        eps = eps.to(dtype)
        if objective == 'iwae':
            return iwae_loss(m, x, eps, y), {}
        logits, mu, logvar, z = m(x, eps, y)
        recon_sum, kl_sum = loss_sums(logits, x, mu, logvar)
        parts = dict(mu=mu, logvar=logvar, z=z, logits=logits, recon=(recon_sum / BATCH).reshape(1),
                     kl=(kl_sum / BATCH).reshape(1))
        return (recon_sum + beta * kl_sum) / BATCH, parts

    eps = torch.randn(*eps_shape())
    loss, parts = loss_of(model, eps)
    loss.backward()
    out.update(x=X, eps=eps, loss=loss.reshape(1), **parts)
    if classes:
        out['labels'] = Y.to(torch.float32)
    out.update({f'grad.{k_}': p_.grad.clone() for k_, p_ in model.named_parameters()})

    model = VAE(layers, classes)  # three Adam steps from the initial parameters, each with its own eps
    model.load_state_dict(initial)
    model.to(dtype)
    opt = torch.optim.Adam(model.parameters(), lr=LR, betas=(BETA1, BETA2), eps=EPS)
    for t in (1, 2, 3):
        eps_t = torch.randn(*eps_shape())
        opt.zero_grad()
        loss_t, _ = loss_of(model, eps_t)
        loss_t.backward()
        opt.step()
        out[f'adam.eps.{t}'] = eps_t
        out[f'adam.loss.{t}'] = loss_t.detach().reshape(1)
    out.update({f'adam.{k_}': v.detach().clone() for k_, v in model.state_dict().items()})

    out = {k_: v.detach().to(torch.float32).contiguous() for k_, v in out.items()}
    config = dict(kind=kind, objective=objective, beta=beta, k=k, classes=classes, input=INPUT, hidden=HIDDEN,
                  latent=LATENT, batch=BATCH, lr=LR, beta1=BETA1, beta2=BETA2, eps=EPS)
    metadata = {'config': json.dumps(config), 'generator': 'tools/pytorch/make_golden.py', 'torch': torch.__version__}
    path = os.path.join(args.out, name + '.safetensors')
    os.makedirs(args.out, exist_ok=True)
    save_safetensors(path, out, metadata)
    back, meta = read_safetensors(path)  # read back and check
    assert meta == metadata and list(back) == list(out)
    for k_, v in out.items():
        assert back[k_].shape == v.shape and torch.equal(back[k_], v), k_
    print(f'wrote {path} ({os.path.getsize(path)} bytes, {len(out)} tensors): loss {loss.item():.6f}; adam losses',
          ' '.join(f'{out[f"adam.loss.{t}"].item():.6f}' for t in (1, 2, 3)))


golden('vae_golden', 20240601)
golden('beta_golden', 20261129, beta=4.0)
golden('cvae_golden', 20261130, kind='cvae')
golden('iwae_golden', 20261131, objective='iwae', k=3, dtype=torch.float64)
