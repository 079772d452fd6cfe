"""An optional small convolutional network in PyTorch, used only when torch is installed.

It is a scikit-learn estimator (``fit``/``predict`` on rows of pixels), so it is
cross-validated and compared exactly like the other candidates. PyTorch is imported inside
the methods: without it, the rest of the project works and training skips the CNN.
"""

from __future__ import annotations

import importlib.util

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin


def torch_available() -> bool:
    """Whether PyTorch can be imported (checked without importing it)."""
    return importlib.util.find_spec("torch") is not None


def use_cnn(setting: str | bool) -> bool:
    """Decide from ``[train] cnn``: "auto" when torch is installed, true (required) or false."""
    if setting == "auto":
        return torch_available()
    if setting and not torch_available():
        raise ImportError('[train] cnn = true needs PyTorch: `pip install torch`, or set "auto"')
    return bool(setting)


class SmallCNN(ClassifierMixin, BaseEstimator):
    """Two 3x3 convolutions, max-pooling and a small dense head, trained with Adam."""

    def __init__(self, side: int = 8, max_value: float = 16.0, epochs: int = 20,
                 batch_size: int = 64, learning_rate: float = 1e-3, seed: int = 0) -> None:
        self.side = side
        self.max_value = max_value
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.seed = seed

    def fit(self, pixels, labels) -> SmallCNN:
        """Train on rows of pixels (scaled to [0, 1] by ``max_value``) and their labels."""
        import torch
        from torch import nn

        torch.manual_seed(self.seed)
        self.classes_, codes = np.unique(np.asarray(labels), return_inverse=True)
        images, targets = self._tensor(pixels), torch.as_tensor(codes, dtype=torch.long)
        self.network_ = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(32 * (self.side // 2) ** 2, 64), nn.ReLU(),
            nn.Linear(64, len(self.classes_)),
        )
        optimiser = torch.optim.Adam(self.network_.parameters(), lr=self.learning_rate)
        loss_function = nn.CrossEntropyLoss()
        shuffle = torch.Generator().manual_seed(self.seed)
        self.network_.train()
        for _ in range(self.epochs):
            order = torch.randperm(len(images), generator=shuffle)
            for start in range(0, len(images), self.batch_size):
                batch = order[start:start + self.batch_size]
                optimiser.zero_grad()
                loss_function(self.network_(images[batch]), targets[batch]).backward()
                optimiser.step()
        return self

    def predict(self, pixels) -> np.ndarray:
        """The most likely class of each row of pixels."""
        import torch

        self.network_.eval()
        with torch.no_grad():
            logits = self.network_(self._tensor(pixels))
        return self.classes_[logits.argmax(dim=1).numpy()]

    def _tensor(self, pixels):
        import torch

        scaled = np.asarray(pixels, dtype=np.float32) / self.max_value
        return torch.from_numpy(scaled.reshape(-1, 1, self.side, self.side))
