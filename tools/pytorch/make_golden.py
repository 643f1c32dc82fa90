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
  conv_golden   the convolutional kind (channels 4, 8; dense width 16), the negative ELBO
  conv_layers_golden  Conv2d and ConvTranspose2d layers alone, each on random input (batch 3) with a random
                output gradient dy: the output y and every gradient, for the layers listed in its config
"""
import argparse, gzip, json, os, sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vae import VAE, conv_layers, iwae_loss, loss_sums, make_layer, mlp_layers, read_safetensors, save_safetensors  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INPUT, HIDDEN, LATENT, BATCH, CLASSES = 784, 16, 3, 5, 10
CHANNELS = (4, 8)
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
    layers = conv_layers(28, 28, CHANNELS, HIDDEN, LATENT) if kind == 'conv' else mlp_layers(INPUT, HIDDEN, LATENT, classes)
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
    if kind == 'conv':
        config.update(rows=28, cols=28, channels=list(CHANNELS))
    metadata = {'config': json.dumps(config), 'generator': 'tools/pytorch/make_golden.py', 'torch': torch.__version__}
    path = write(name, out, metadata)
    print(f'wrote {path} ({os.path.getsize(path)} bytes, {len(out)} tensors): loss {loss.item():.6f}; adam losses',
          ' '.join(f'{out[f"adam.loss.{t}"].item():.6f}' for t in (1, 2, 3)))


def write(name, out, metadata):
    """Writes NAME.safetensors into --out, reads it back and checks it; returns its path."""
    path = os.path.join(args.out, name + '.safetensors')
    os.makedirs(args.out, exist_ok=True)
    save_safetensors(path, out, metadata)
    back, meta = read_safetensors(path)
    assert meta == metadata and list(back) == list(out)
    for k_, v in out.items():
        assert back[k_].shape == v.shape and torch.equal(back[k_], v), k_
    return path


def conv_layer_golden(name, seed, specs, batch=3):
    """Each layer of specs (vae4j "layers" entries) alone: x, dy uniform in [-1, 1), PyTorch's initial weight and
    bias; y = activation(layer(x)) and the gradients of sum(y * dy) with respect to weight, bias and x."""
    torch.manual_seed(seed)
    out = {}
    for i, spec in enumerate(specs):
        layer = make_layer(spec)
        x = (torch.rand(batch, *spec['input_shape']) * 2 - 1).requires_grad_()
        y = layer(x)
        if spec['activation'] == 'relu':
            y = torch.relu(y)
        dy = torch.rand(y.shape) * 2 - 1
        y.backward(dy)
        prefix = f'case{i}.'
        out.update({prefix + 'x': x.detach().flatten(1), prefix + 'weight': layer.weight.detach(),
                    prefix + 'bias': layer.bias.detach(), prefix + 'dy': dy.flatten(1), prefix + 'y': y.detach().flatten(1),
                    prefix + 'grad.weight': layer.weight.grad, prefix + 'grad.bias': layer.bias.grad,
                    prefix + 'grad.x': x.grad.flatten(1)})
    out = {k: v.detach().to(torch.float32).contiguous() for k, v in out.items()}
    metadata = {'config': json.dumps(dict(batch=batch, layers=specs)), 'generator': 'tools/pytorch/make_golden.py',
                'torch': torch.__version__}
    path = write(name, out, metadata)
    print(f'wrote {path} ({os.path.getsize(path)} bytes, {len(specs)} layers)')


def conv_spec(kind, shape, out, kernel, stride, padding, act, output_padding=None):
    spec = dict(name='layer', kind=kind, in_channels=shape[0], out_channels=out, kernel_size=[kernel, kernel],
                stride=[stride, stride], padding=[padding, padding], input_shape=list(shape), activation=act)
    if kind == 'ConvTranspose2d':
        spec['output_padding'] = [output_padding, output_padding]
    return spec


golden('vae_golden', 20240601)
golden('beta_golden', 20261129, beta=4.0)
golden('cvae_golden', 20261130, kind='cvae')
golden('iwae_golden', 20261131, objective='iwae', k=3, dtype=torch.float64)
golden('conv_golden', 20261201, kind='conv')
conv_layer_golden('conv_layers_golden', 20261202, [
    conv_spec('Conv2d', (1, 28, 28), 4, 3, 2, 1, 'relu'),
    conv_spec('Conv2d', (3, 7, 9), 5, 4, 1, 2, 'none'),
    conv_spec('Conv2d', (2, 9, 10), 3, 2, 3, 0, 'relu'),
    conv_spec('ConvTranspose2d', (4, 7, 7), 3, 3, 2, 1, 'relu', output_padding=1),
    conv_spec('ConvTranspose2d', (3, 28, 28), 1, 3, 1, 1, 'none', output_padding=0),
    conv_spec('ConvTranspose2d', (3, 5, 4), 2, 4, 3, 2, 'none', output_padding=2)])
