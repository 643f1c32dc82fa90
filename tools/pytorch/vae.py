"""PyTorch reference of vae4j's Variational Autoencoders, of any kind.

A vae4j model file (version 2) lists its layers in its config ("layers": name, kind, sizes, activation);
VAE builds the same module tree from that list, so the state_dict names are the file's tensor names, e.g.
for the lab reports' MLP:

    encoder.hidden.weight [H,784]  encoder.hidden.bias [H]
    encoder.mean.weight   [d,H]    encoder.mean.bias   [d]
    encoder.logvar.weight [d,H]    encoder.logvar.bias [d]
    decoder.hidden.weight [H,d]    decoder.hidden.bias [H]
    decoder.output.weight [784,H]  decoder.output.bias [784]

The convolutional kind ("conv") lists Conv2d and ConvTranspose2d layers, each with the "input_shape"
[C, H, W] its flat input is viewed as (see conv_layers). A conditional model ("classes" > 0) takes the
one-hot label beside x and beside z. Also holds the losses
(-ELBO, IWAE) and a dependency-free safetensors reader/writer (no `safetensors` package needed):

    from vae import load_vae4j
    model = load_vae4j("model.safetensors")   # a vae4j model file -> VAE in eval mode
"""
import json
import math
import struct

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


LAYER_KINDS = {
    'Linear': lambda s: nn.Linear(s['in_features'], s['out_features']),
    'Conv2d': lambda s: nn.Conv2d(s['in_channels'], s['out_channels'], tuple(s['kernel_size']), tuple(s['stride']),
                                  tuple(s['padding'])),
    'ConvTranspose2d': lambda s: nn.ConvTranspose2d(s['in_channels'], s['out_channels'], tuple(s['kernel_size']),
                                                    tuple(s['stride']), tuple(s['padding']),
                                                    tuple(s['output_padding'])),
}


def make_layer(spec):
    """The torch module of one layer of a vae4j model file's "layers" list."""
    if spec['kind'] not in LAYER_KINDS:
        raise ValueError(f'{spec["name"]}: layer kind {spec["kind"]} is not known here')
    return LAYER_KINDS[spec['kind']](spec)


class Layers(nn.Module):
    """Layers applied one after the other, each named as in vae4j (encoder.hidden is this module's hidden),
    each followed by its activation. Values flow flat per image, as in vae4j: a layer that takes an image
    (C, H, W) views them so, and the output is flattened again."""

    def __init__(self, specs):
        super().__init__()
        self.specs = []
        for spec in specs:
            short = spec['name'].split('.', 1)[1]
            self.add_module(short, make_layer(spec))
            self.specs.append((short, spec))

    def run(self, x, specs=None):
        for short, spec in (self.specs if specs is None else specs):
            if 'input_shape' in spec:
                x = x.reshape(x.shape[0], *spec['input_shape'])
            elif x.dim() > 2:
                x = x.flatten(1)
            x = getattr(self, short)(x)
            if spec['activation'] == 'relu':
                x = F.relu(x)
        return x.flatten(1)


class Encoder(Layers):
    """x (and the one-hot label y of a conditional model) -> mean, logvar of q(z | x)."""

    def __init__(self, specs, classes):
        super().__init__(specs)
        self.classes = classes
        self.trunk = [s for s in self.specs if s[0] not in ('mean', 'logvar')]

    def forward(self, x, y=None):
        if self.classes:
            x = torch.cat([x, F.one_hot(y, self.classes).to(x.dtype)], 1)
        h = self.run(x, self.trunk)
        return self.mean(h), self.logvar(h)


class Decoder(Layers):
    """z (and the one-hot label y of a conditional model) -> the likelihood's parameters, Bernoulli logits."""

    def __init__(self, specs, classes):
        super().__init__(specs)
        self.classes = classes

    def forward(self, z, y=None):
        if self.classes:
            z = torch.cat([z, F.one_hot(y, self.classes).to(z.dtype)], 1)
        return self.run(z)


def mlp_layers(input, hidden, latent, classes=0):
    """The layers vae4j's kinds "mlp" (classes 0) and "cvae" declare, for runs that start in PyTorch."""
    def linear(name, i, o, act):
        return dict(name=name, kind='Linear', in_features=i, out_features=o, activation=act)
    return [linear('encoder.hidden', input + classes, hidden, 'relu'), linear('encoder.mean', hidden, latent, 'none'),
            linear('encoder.logvar', hidden, latent, 'none'), linear('decoder.hidden', latent + classes, hidden, 'relu'),
            linear('decoder.output', hidden, input, 'none')]


def conv_layers(rows, cols, channels=(32, 64), hidden=16, latent=20):
    """The layers vae4j's kind "conv" declares (the Keras example's convolutional VAE), for runs that start in
    PyTorch: each Conv2d (3x3, stride 2, padding 1) halves the image, each ConvTranspose2d (output padding 1)
    doubles it back, the last one (stride 1) gives one channel of Bernoulli logits."""
    def conv(name, kind, shape, out, stride, act, output_padding=None):
        spec = dict(name=name, kind=kind, in_channels=shape[0], out_channels=out, kernel_size=[3, 3],
                    stride=[stride, stride], padding=[1, 1], input_shape=list(shape), activation=act)
        if output_padding is not None:
            spec['output_padding'] = [output_padding, output_padding]
        return spec

    n = len(channels)
    assert rows % 2 ** n == 0 and cols % 2 ** n == 0, f'{rows}x{cols} cannot be halved {n} times'
    layers, shape = [], (1, rows, cols)
    for i, c in enumerate(channels):
        layers.append(conv(f'encoder.conv{i + 1}', 'Conv2d', shape, c, 2, 'relu'))
        shape = (c, shape[1] // 2, shape[2] // 2)
    small, flat = shape, shape[0] * shape[1] * shape[2]
    linear = lambda name, i, o, act: dict(name=name, kind='Linear', in_features=i, out_features=o, activation=act)
    layers += [linear('encoder.hidden', flat, hidden, 'relu'), linear('encoder.mean', hidden, latent, 'none'),
               linear('encoder.logvar', hidden, latent, 'none'), linear('decoder.hidden', latent, flat, 'relu')]
    for j in range(1, n + 1):
        out = channels[n - j]
        layers.append(conv(f'decoder.deconv{j}', 'ConvTranspose2d', shape, out, 2, 'relu', output_padding=1))
        shape = (out, shape[1] * 2, shape[2] * 2)
    layers.append(conv('decoder.output', 'ConvTranspose2d', shape, 1, 1, 'none', output_padding=0))
    return layers


class VAE(nn.Module):
    """A vae4j model built from its layer list: VAE(mlp_layers(784, 512, 20)) is the lab reports' model."""

    def __init__(self, layers, classes=0):
        super().__init__()
        self.classes = classes
        self.encoder = Encoder([s for s in layers if s['name'].startswith('encoder.')], classes)
        self.decoder = Decoder([s for s in layers if s['name'].startswith('decoder.')], classes)

    def forward(self, x, eps=None, y=None):
        """Returns (logits, mu, logvar, z); eps ~ N(0, I) is drawn if not given."""
        mu, logvar = self.encoder(x, y)
        if eps is None:
            eps = torch.randn_like(mu)
        z = mu + torch.exp(0.5 * logvar) * eps
        return self.decoder(z, y), mu, logvar, z


def loss_sums(logits, x, mu, logvar):
    """(recon_sum, kl_sum) over the batch; the -ELBO with KL weight beta is (recon_sum + beta kl_sum) / B."""
    recon_sum = F.binary_cross_entropy_with_logits(logits, x, reduction='sum')
    kl_sum = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return recon_sum, kl_sum


def iwae_loss(model, x, eps, y=None):
    """The batch's mean -log (1/K) sum_k p(x, z_k) / q(z_k | x), eps: (B, K, d); the constants cancel."""
    b, k, d = eps.shape
    mu, logvar = model.encoder(x, y)
    z = mu.unsqueeze(1) + torch.exp(0.5 * logvar).unsqueeze(1) * eps
    yk = None if y is None else y.repeat_interleave(k)
    logits = model.decoder(z.reshape(b * k, d), yk)
    nll = F.binary_cross_entropy_with_logits(logits, x.repeat_interleave(k, 0), reduction='none').sum(1)
    log_w = -nll.reshape(b, k) - 0.5 * (z ** 2).sum(2) + 0.5 * (eps ** 2).sum(2) + 0.5 * logvar.sum(1, keepdim=True)
    return -(torch.logsumexp(log_w, 1) - math.log(k)).mean()


# ---------------------------------------------------------------- safetensors (F32 only)

def read_safetensors(path):
    """Returns ({name: float32 tensor}, {metadata key: str}), tensors in file order."""
    with open(path, 'rb') as f:
        buf = f.read()
    (n,) = struct.unpack('<Q', buf[:8])
    header = json.loads(buf[8:8 + n].decode('utf-8'))
    data = memoryview(buf)[8 + n:]
    metadata = header.pop('__metadata__', {}) or {}
    tensors = {}
    for name, info in header.items():
        if info['dtype'] != 'F32':
            raise ValueError(f'{name}: unsupported dtype {info["dtype"]} (only F32)')
        begin, end = info['data_offsets']
        shape = [int(s) for s in info['shape']]
        if end - begin != 4 * int(np.prod(shape, dtype=np.int64)) or end > len(data):
            raise ValueError(f'{name}: bad data_offsets {begin, end} for shape {shape}')
        arr = np.frombuffer(data[begin:end], dtype='<f4').reshape(shape)
        tensors[name] = torch.from_numpy(arr.astype(np.float32, copy=True))
    return tensors, metadata


def save_safetensors(path, tensors, metadata=None):
    """Writes float32 tensors (data in insertion order) with string metadata."""
    header, chunks, offset = {}, [], 0
    if metadata:
        for k, v in metadata.items():
            if not isinstance(v, str):
                raise TypeError(f'metadata value for {k!r} must be a str')
        header['__metadata__'] = dict(metadata)
    for name, t in tensors.items():
        t = torch.as_tensor(t).detach().cpu()
        if t.dtype != torch.float32:
            raise TypeError(f'{name}: expected float32, got {t.dtype}')
        raw = t.contiguous().numpy().astype('<f4', copy=False).tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(t.shape),
                        'data_offsets': [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    hbytes = json.dumps(header, separators=(',', ':')).encode('utf-8')
    hbytes += b' ' * (-len(hbytes) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(hbytes)))
        f.write(hbytes)
        for raw in chunks:
            f.write(raw)


def load_vae4j(path):
    """Loads a vae4j model.safetensors of any kind into a VAE (eval mode), built from the layer list in its
    config (version 2) or, for version 1 files, as the MLP their sizes describe."""
    tensors, metadata = read_safetensors(path)
    if 'config' not in metadata:
        raise ValueError(f'{path}: no "config" in __metadata__')
    cfg = json.loads(metadata['config'])
    classes = int(cfg.get('classes', 0))
    layers = cfg.get('layers') or mlp_layers(int(cfg['input']), int(cfg['hidden']), int(cfg['latent']))
    model = VAE(layers, classes)
    names = model.state_dict().keys()
    missing = [k for k in names if k not in tensors]
    if missing:
        raise ValueError(f'{path}: missing parameters {missing}')
    model.load_state_dict({k: tensors[k] for k in names})
    return model.eval()
