"""Offline data for the course: everything is generated here or ships with a package.

Nothing in this package downloads anything; generated data uses fixed geometry or a fixed
seed, so every run gives the same arrays. The digits come with scikit-learn
(:func:`sklearn.datasets.load_digits`, 1,797 images of 8x8 pixels), small enough to train
on in a second on a laptop CPU.

Training data is float64 by default (PyTorch's default is float32): see
:mod:`lecturelib.training` for why the course trains in double precision.

One module per topic, each re-exported here (``from lecturelib.datasets import
coco_scenes`` works):

- :mod:`~lecturelib.datasets.tabular`: feature tables with labels, for training: the
  digits cut into train/validation/test (:class:`DataSplit`, :func:`load_digits_split`),
  their imbalanced 80:10:10 subset (:func:`imbalanced_digits`), points around a line
  (:func:`linear_regression_data`), two Gaussian blobs (:func:`two_blobs`), and the
  course's float precision (:data:`DEFAULT_DTYPE`, :func:`float_dtype`);
- :mod:`~lecturelib.datasets.scores`: a classifier's scores under the binormal model, for
  ROC and precision-recall curves (:func:`score_distributions`);
- :mod:`~lecturelib.datasets.segmentation`: a person mask with a model's predicted mask
  (:func:`person_segmentation_example`) or probability map
  (:func:`soft_person_segmentation`);
- :mod:`~lecturelib.datasets.detection`: synthetic COCO ground truth
  (:func:`coco_scenes`) and a simulated detector's output (:func:`detector_output`);
- :mod:`~lecturelib.datasets.retrieval`: caption-image similarities of a simulated
  CLIP-like model, with one or several captions per image
  (:func:`caption_image_similarities`, :func:`multi_caption_similarities`);
- :mod:`~lecturelib.datasets.images`: a grey-scale photograph (:func:`sample_photo`), its
  degraded copies (:func:`degrade_image`) and the degradation that gives a target PSNR
  (:func:`degradation_for_psnr`);
- :mod:`~lecturelib.datasets.generative`: stand-ins for a generative model's output,
  digits with a controlled defect (:func:`generated_digits`), and the training digits
  they are compared with (:func:`digit_training_images`).

Helpers that several of these modules share are in :mod:`lecturelib.datasets._common`.
"""

from . import detection, generative, images, retrieval, scores, segmentation, tabular
from .detection import *  # noqa: F401,F403
from .generative import *  # noqa: F401,F403
from .images import *  # noqa: F401,F403
from .retrieval import *  # noqa: F401,F403
from .scores import *  # noqa: F401,F403
from .segmentation import *  # noqa: F401,F403
# Private, but the tests of the soft segmentation import them from here.
from .segmentation import _person_signed_distance, _person_silhouette  # noqa: F401
from .tabular import *  # noqa: F401,F403

# Each topic module lists its own public names; the package re-exports exactly those, so a
# new data set is added in one place.
__all__ = [name for module in (tabular, scores, segmentation, detection, retrieval, images,
                               generative)
           for name in module.__all__]
