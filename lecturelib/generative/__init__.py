"""Evaluating generative models: images, distributions, text and human preference.

One module per family, each re-exported here (``from lecturelib.generative import
bleu_score`` works):

- :mod:`~lecturelib.generative.image`: pixel metrics, MSE, PSNR and SSIM (scikit-image's);
- :mod:`~lecturelib.generative.distribution`: comparing a generated *set* with a real one
  in a feature space: the Fréchet distance that FID is, precision and recall for
  generators, density and coverage;
- :mod:`~lecturelib.generative.text`: BLEU (sacrebleu's) and CLIPScore;
- :mod:`~lecturelib.generative.rouge`: ROUGE-N, ROUGE-L and ROUGE-Lsum for summaries
  (Google's ``rouge-score``), with its tokeniser and the Porter stemmer;
- :mod:`~lecturelib.generative.preference`: human preference from pairwise votes,
  Bradley–Terry strengths and Elo ratings;
- :mod:`~lecturelib.generative.features`: the small networks notebook 08 trains in
  seconds on scikit-learn's digits, whose features stand in for Inception's and CLIP's
  (nothing is downloaded).

``image.mean_squared_error`` compares two images (scikit-image's convention); the
regression metric of the same name is :func:`lecturelib.regression.mean_squared_error`.
"""

from . import distribution, features, image, preference, rouge, text
from .distribution import *  # noqa: F401,F403
from .features import *  # noqa: F401,F403
from .image import *  # noqa: F401,F403
from .preference import *  # noqa: F401,F403
from .rouge import *  # noqa: F401,F403
from .text import *  # noqa: F401,F403

__all__ = [name for module in (image, distribution, text, rouge, preference, features)
           for name in module.__all__]
