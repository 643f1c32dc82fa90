"""Reference PyTorch training run for comparison with vae4j (cf. pytorch/examples vae/main.py).

    /usr/bin/python3 tools/pytorch/train_vae.py [--data DIR] [--epochs 50] [--latent 20]
        [--model mlp|conv] [--hidden H] [--channels 32,64] [--threads 2] [--seed 1] [--json FILE]
        [--train-images N] [--test-images N]

--model mlp is the lab reports' MLP (hidden 512 by default), --model conv the Keras example's convolutional VAE
that vae4j's kind "conv" declares (channels 32,64, hidden 16 by default; vae.py's conv_layers).
MNIST from the gz IDX files, pixels x/255 (not binarized), batch 128 shuffled each epoch, Adam 1e-3.
Per epoch: train -ELBO (mean of the epoch's batch losses, as trained), test -ELBO per image over the
10,000 test images with sampled z (plus its recon and KL parts), training seconds and images/s.
"""
import argparse, gzip, json, os, sys, time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vae import VAE, conv_layers, loss_sums, mlp_layers  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

p = argparse.ArgumentParser(description='PyTorch VAE reference for vae4j')
p.add_argument('--data', default=os.path.join(ROOT, '..', 'shared', 'data', 'mnist'))
p.add_argument('--epochs', type=int, default=50)
p.add_argument('--latent', type=int, default=20)
p.add_argument('--model', choices=['mlp', 'conv'], default='mlp')
p.add_argument('--hidden', type=int, help='hidden width (default: 512 for mlp, 16 for conv)')
p.add_argument('--channels', default='32,64', help='conv widths, comma-separated')
p.add_argument('--train-images', type=int, help='train on the first N images only')
p.add_argument('--test-images', type=int, help='evaluate on the first N test images only')
p.add_argument('--batch', type=int, default=128)
p.add_argument('--lr', type=float, default=1e-3)
p.add_argument('--threads', type=int, default=2)
p.add_argument('--seed', type=int, default=1)
p.add_argument('--json', help='write per-epoch numbers to this file')
args = p.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


def images(name):
    with gzip.open(os.path.join(args.data, name), 'rb') as f:
        buf = f.read()
    magic, n, rows, cols = np.frombuffer(buf[:16], dtype='>u4')
    assert magic == 2051, f'{name}: not an IDX image file'
    u8 = np.frombuffer(buf, dtype=np.uint8, offset=16).reshape(n, rows * cols)
    return torch.from_numpy(u8.copy()).float() / 255


train, test = images('train-images-idx3-ubyte.gz'), images('t10k-images-idx3-ubyte.gz')
if args.train_images:
    train = train[:args.train_images]
if args.test_images:
    test = test[:args.test_images]
if args.hidden is None:
    args.hidden = 16 if args.model == 'conv' else 512
if args.model == 'conv':
    layers = conv_layers(28, 28, [int(c) for c in args.channels.split(',')], args.hidden, args.latent)
else:
    layers = mlp_layers(train.shape[1], args.hidden, args.latent)
model = VAE(layers)
opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
print(f'# torch {torch.__version__} threads {torch.get_num_threads()} model {args.model} latent {args.latent} '
      f'hidden {args.hidden}{" channels " + args.channels if args.model == "conv" else ""} batch {args.batch} '
      f'lr {args.lr} seed {args.seed}', flush=True)
history = []
for epoch in range(1, args.epochs + 1):
    model.train()
    t0, losses = time.perf_counter(), []
    for idx in torch.randperm(len(train)).split(args.batch):
        x = train[idx]
        logits, mu, logvar, _ = model(x)
        recon, kl = loss_sums(logits, x, mu, logvar)
        loss = (recon + kl) / len(x)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    secs = time.perf_counter() - t0
    model.eval()
    rs = ks = 0.0
    with torch.no_grad():
        for x in test.split(1000):
            logits, mu, logvar, _ = model(x)  # sampled z, not z = mu
            r, k = loss_sums(logits, x, mu, logvar)
            rs, ks = rs + r.item(), ks + k.item()
    # the same keys as vae4j's metrics.json
    rec = dict(epoch=epoch, train_nelbo=float(np.mean(losses)), test_nelbo=(rs + ks) / len(test),
               test_recon=rs / len(test), test_kl=ks / len(test), seconds=secs,
               images_per_second=len(train) / secs)
    history.append(rec)
    print('epoch {epoch:3d}  train -ELBO {train_nelbo:8.3f}  test -ELBO {test_nelbo:8.3f} (recon {test_recon:8.3f}'
          '  KL {test_kl:7.3f})  {seconds:6.2f} s  {images_per_second:7.0f} img/s'.format(**rec), flush=True)
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(dict(config=vars(args), torch=torch.__version__, epochs=history), f, indent=1)
