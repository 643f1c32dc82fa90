"""PyTorch reference of the vae4j Variational Autoencoder.

The module/parameter names define the vae4j model file format (state_dict names):

    encoder.hidden.weight [H,784]  encoder.hidden.bias [H]
    encoder.mean.weight   [d,H]    encoder.mean.bias   [d]
    encoder.logvar.weight [d,H]    encoder.logvar.bias [d]
    decoder.hidden.weight [H,d]    decoder.hidden.bias [H]
    decoder.output.weight [784,H]  decoder.output.bias [784]

Also contains a dependency-free safetensors reader/writer (no `safetensors` package needed):

    from vae import load_vae4j
    model = load_vae4j("model.safetensors")   # a vae4j model file -> VAE in eval mode
"""
import json
import struct

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class Encoder(nn.Module):
    def __init__(self, input, hidden, latent):
        super().__init__()
        self.hidden = nn.Linear(input, hidden)
        self.mean = nn.Linear(hidden, latent)
        self.logvar = nn.Linear(hidden, latent)

    def forward(self, x):
        h = F.relu(self.hidden(x))
        return self.mean(h), self.logvar(h)


class Decoder(nn.Module):
    def __init__(self, input, hidden, latent):
        super().__init__()
        self.hidden = nn.Linear(latent, hidden)
        self.output = nn.Linear(hidden, input)

    def forward(self, z):
        return self.output(F.relu(self.hidden(z)))  # logits


class VAE(nn.Module):
    def __init__(self, input=784, hidden=512, latent=20):
        super().__init__()
        self.encoder = Encoder(input, hidden, latent)
        self.decoder = Decoder(input, hidden, latent)

    def forward(self, x, eps=None):
        """Returns (logits, mu, logvar, z); eps ~ N(0, I) is drawn if not given."""
        mu, logvar = self.encoder(x)
        if eps is None:
            eps = torch.randn_like(mu)
        z = mu + torch.exp(0.5 * logvar) * eps
        return self.decoder(z), mu, logvar, z


def loss_sums(logits, x, mu, logvar):
    """(recon_sum, kl_sum) over the batch; the training loss is (recon_sum + kl_sum) / B."""
    recon_sum = F.binary_cross_entropy_with_logits(logits, x, reduction='sum')
    kl_sum = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return recon_sum, kl_sum


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
    """Loads a vae4j model.safetensors into a VAE (eval mode); config comes from the metadata."""
    tensors, metadata = read_safetensors(path)
    if 'config' not in metadata:
        raise ValueError(f'{path}: no "config" in __metadata__')
    cfg = json.loads(metadata['config'])
    model = VAE(int(cfg['input']), int(cfg['hidden']), int(cfg['latent']))
    names = model.state_dict().keys()
    missing = [k for k in names if k not in tensors]
    if missing:
        raise ValueError(f'{path}: missing parameters {missing}')
    model.load_state_dict({k: tensors[k] for k in names})
    return model.eval()
