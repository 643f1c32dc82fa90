"""Re-evaluates a vae4j model in PyTorch, independently of vae4j's Java code: the test -ELBO (z sampled from
q(z|x), KL analytic, averaged over K draws per image) on the 10,000 MNIST or Fashion-MNIST test images, binarized
as the model was trained (the same fixed draw as vae4j's, from java.util.SplittableRandom's algorithm).

    /usr/bin/python3 tools/pytorch/evaluate.py --model RUN_DIR [--data DIR] [--draws 10] [--compare]

--compare also prints vae4j's own test -ELBO from RUN_DIR/metrics.json (its evaluation, else its last epoch)
and the difference. A conditional model is given each image's label.
"""
import argparse, gzip, json, os, sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vae import load_vae4j, loss_sums  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEST_SEED = 7_654_321  # data/Binarization.java
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
M64 = (1 << 64) - 1


def idx(path):
    """An IDX file's array, gzip or not (told from the bytes)."""
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    dims = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(data, stem):
    for name in (stem, stem + '.gz'):
        if os.path.exists(os.path.join(data, name)):
            return os.path.join(data, name)
    raise SystemExit(f'{data}: no {stem} (.gz)')


def splittable_next_ints(seed, n, bound):
    """The first n values of java.util.SplittableRandom(seed).nextInt(bound), vectorized; refuses the (about
    one in 10^7) case of a rejected draw rather than guess."""
    k = np.arange(1, n + 1, dtype=np.uint64)
    z = (np.uint64(seed & M64) + k * np.uint64(GOLDEN_GAMMA))  # nextSeed(): seed += gamma, wrapping
    z = (z ^ (z >> np.uint64(33))) * np.uint64(0x62A9D9ED799705F5)
    r = (((z ^ (z >> np.uint64(28))) * np.uint64(0xCB24D0A5C88C35B3)) >> np.uint64(32)).astype(np.uint32)
    u = (r >> np.uint32(1)).astype(np.int64)
    m = bound - 1
    rem = u % bound
    if np.any(u + m - rem > 0x7FFFFFFF):
        raise SystemExit('a rejected draw: not handled here')
    return rem


def binarized(images, seed):
    """ImageSet.binarized(seed): pixel i is 255 when SplittableRandom(seed).nextInt(255) < its value."""
    draws = splittable_next_ints(seed, images.size, 255).reshape(images.shape)
    return np.where(draws < images.astype(np.int64), 255, 0).astype(np.uint8)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model', required=True, help='run folder holding model.safetensors')
    p.add_argument('--data', help='folder of the four IDX files (default: ../shared/data/<dataset>)')
    p.add_argument('--draws', type=int, default=10, help='z draws per image (default 10)')
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--compare', action='store_true')
    args = p.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)

    model = load_vae4j(os.path.join(args.model, 'model.safetensors'))
    with open(os.path.join(args.model, 'model.safetensors'), 'rb') as f:
        n = int.from_bytes(f.read(8), 'little')
        config = json.loads(json.loads(f.read(n))['__metadata__']['config'])
    dataset = config.get('dataset', 'mnist')
    data = args.data or os.path.join(ROOT, '..', 'shared', 'data', dataset)
    images = idx(find(data, 't10k-images-idx3-ubyte')).reshape(-1, int(config['input']))
    labels = torch.from_numpy(idx(find(data, 't10k-labels-idx1-ubyte')).astype(np.int64))
    if config.get('binarize', 'none') != 'none':
        images = binarized(images, TEST_SEED)
    x = torch.from_numpy(images.astype(np.float32)) / 255
    y = labels if int(config.get('classes', 0)) else None

    recon = kl = 0.0
    with torch.no_grad():
        for _ in range(args.draws):
            for i in range(0, len(x), 1000):
                yb = None if y is None else y[i:i + 1000]
                logits, mu, logvar, _ = model(x[i:i + 1000], None, yb)
                r, k = loss_sums(logits, x[i:i + 1000], mu, logvar)
                recon += r.item()
                kl += k.item()
    count = len(x) * args.draws
    nelbo = (recon + kl) / count
    print(f'{args.model}: PyTorch test -ELBO {nelbo:.2f} nats (recon {recon / count:.2f} + KL {kl / count:.2f}), '
          f'{len(x)} images x {args.draws} draws, {config.get("kind", "mlp")} model')
    if args.compare:
        with open(os.path.join(args.model, 'metrics.json')) as f:
            metrics = json.load(f)
        evaluation = metrics.get('evaluation', {}).get('nelbo')
        own = evaluation['nelbo'] if evaluation else metrics['epochs'][-1]['test_nelbo']
        print(f'  vae4j test -ELBO {own:.2f} nats ({"its evaluation" if evaluation else "last epoch"}): '
              f'difference {nelbo - own:+.2f} nats')


if __name__ == '__main__':
    main()
