"""Wrong solutions of homework 4 (box IoU and AP by hand) that its checks must catch.

Each entry replaces the *first* solution code cell of one question with the code a student
could plausibly have written, mistake included. The homework's checks must fail on it, and
the feedback of a failing check must contain ``message``, the words that name the mistake.
"""

# What follows each question's function in its cell (the demo lines), kept so that every
# ``code`` is the whole cell as a student would leave it.
_Q1_TAIL = '''

# Notebook 06's box shifted right by a third of its width: IoU exactly 0.5.
box_iou_xywh([100, 100, 60, 60], [120, 100, 60, 60])
'''

_Q2_TAIL = '''

# Notebook 06's candidates against its true box: 1, 0.5, 0.444 and 0.
iou_matrix([[100, 100, 60, 60]], [[100, 100, 60, 60], [120, 100, 60, 60],
                                  [100, 100, 90, 90], [200, 200, 60, 60]])
'''

_Q3_TAIL = '''

# Notebook 06's image: three people, five detections; at 0.5, detection 2 is a duplicate of 0.
people = np.array([[40, 60, 80, 160], [200, 50, 70, 150], [330, 80, 60, 130]], dtype=float)
found = np.array([[44, 64, 78, 150], [205, 60, 75, 150], [40, 50, 85, 170],
                  [350, 100, 60, 120], [150, 250, 50, 50]], dtype=float)
found_scores = np.array([0.95, 0.90, 0.80, 0.70, 0.60])
for threshold in (0.5, 0.75):
    print(f"IoU threshold {threshold}: yours {match_image(people, found, found_scores, threshold)}, "
          f"lecturelib {match_detections(people, found, found_scores, iou_threshold=threshold).gt_index}")
'''

_Q4_TAIL = '''

curve_50 = precision_recall(person, 0.5)
if curve_50 is not None:  # the person curve at IoU 0.5, once your function returns it
    print("recall:   ", np.round(curve_50[0], 3))
    print("precision:", np.round(curve_50[1], 3))
'''

_Q5_TAIL = '''

ap50 = coco_ap(*precision_recall(person, 0.5))
ap75 = coco_ap(*precision_recall(person, 0.75))
'''

WRONG_SOLUTIONS = [
    # ---------------------------------------------------------------- q1: box IoU
    {
        "question": "q1",
        "mistake": "IoU with PASCAL VOC's +1 pixel on every width and height",
        "code": '''def box_iou_xywh(box_a, box_b):
    """IoU of two boxes [x, y, w, h] in continuous (COCO) coordinates."""
    xa, ya, wa, ha = box_a
    xb, yb, wb, hb = box_b
    # a box from pixel x to pixel x + w covers w + 1 pixels
    overlap_w = max(0.0, min(xa + wa, xb + wb) - max(xa, xb) + 1)
    overlap_h = max(0.0, min(ya + ha, yb + hb) - max(ya, yb) + 1)
    intersection = overlap_w * overlap_h
    union = (wa + 1) * (ha + 1) + (wb + 1) * (hb + 1) - intersection
    if union <= 0:
        return 0.0
    return intersection / union
''' + _Q1_TAIL,
        "message": "added 1 pixel (+1) to the widths and heights",
    },
    {
        "question": "q1",
        "mistake": "union = |A| + |B| without subtracting the intersection",
        "code": '''def box_iou_xywh(box_a, box_b):
    """IoU of two boxes [x, y, w, h] in continuous (COCO) coordinates."""
    xa, ya, wa, ha = box_a
    xb, yb, wb, hb = box_b
    overlap_w = max(0.0, min(xa + wa, xb + wb) - max(xa, xb))
    overlap_h = max(0.0, min(ya + ha, yb + hb) - max(ya, yb))
    intersection = overlap_w * overlap_h
    union = wa * ha + wb * hb
    if union <= 0:
        return 0.0
    return intersection / union
''' + _Q1_TAIL,
        "message": "the union counts the overlap twice",
    },
    {
        "question": "q1",
        "mistake": "[x, y, w, h] read as corners [x1, y1, x2, y2]",
        "code": '''def box_iou_xywh(box_a, box_b):
    """IoU of two boxes [x, y, w, h] in continuous (COCO) coordinates."""
    ax1, ay1, ax2, ay2 = box_a
    bx1, by1, bx2, by2 = box_b
    overlap_w = max(0.0, min(ax2, bx2) - max(ax1, bx1))
    overlap_h = max(0.0, min(ay2, by2) - max(ay1, by1))
    intersection = overlap_w * overlap_h
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - intersection
    if union <= 0:
        return 0.0
    return intersection / union
''' + _Q1_TAIL,
        "message": "A COCO box is [x, y, w, h]",
    },
    {
        "question": "q1",
        "mistake": "overlap width and height not clipped at 0 (boxes apart on both axes)",
        "code": '''def box_iou_xywh(box_a, box_b):
    """IoU of two boxes [x, y, w, h] in continuous (COCO) coordinates."""
    xa, ya, wa, ha = box_a
    xb, yb, wb, hb = box_b
    overlap_w = min(xa + wa, xb + wb) - max(xa, xb)
    overlap_h = min(ya + ha, yb + hb) - max(ya, yb)
    intersection = overlap_w * overlap_h
    union = wa * ha + wb * hb - intersection
    if union <= 0:
        return 0.0
    return intersection / union
''' + _Q1_TAIL,
        "message": "clip the overlap's width and height at 0",
    },
    # ---------------------------------------------------------------- q2: IoU matrix
    {
        "question": "q2",
        "mistake": "boxes_a[i] compared only with boxes_b[i] (no broadcasting to all pairs)",
        "code": '''def iou_matrix(boxes_a, boxes_b):
    """IoU of every box in boxes_a (N, 4) with every box in boxes_b (M, 4), as an (N, M) array."""
    boxes_a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    boxes_b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    xa, ya, wa, ha = boxes_a.T
    xb, yb, wb, hb = boxes_b.T
    overlap_w = np.clip(np.minimum(xa + wa, xb + wb) - np.maximum(xa, xb), 0, None)
    overlap_h = np.clip(np.minimum(ya + ha, yb + hb) - np.maximum(ya, yb), 0, None)
    intersection = overlap_w * overlap_h
    union = wa * ha + wb * hb - intersection
    return intersection / union
''' + _Q2_TAIL,
        "message": "It must compare every pair",
    },
    # ---------------------------------------------------------------- q3: matching
    {
        "question": "q3",
        "mistake": "detections matched in input order, not by decreasing score",
        "code": '''def match_image(gt_boxes, det_boxes, det_scores, iou_threshold=0.5):
    """For each detection (input order), the index of the true box it matched, or -1."""
    det_scores = np.asarray(det_scores, dtype=float)
    ious = iou_matrix(det_boxes, gt_boxes)
    matched = np.full(len(det_scores), -1)
    taken = np.zeros(ious.shape[1], dtype=bool)
    if ious.shape[1] == 0:
        return matched
    for d in range(len(det_scores)):
        available = np.where(taken, -1.0, ious[d])
        g = int(np.argmax(available))
        if available[g] >= iou_threshold:
            matched[d] = g
            taken[g] = True
    return matched
''' + _Q3_TAIL,
        "message": "must take turns in order of decreasing score",
    },
    {
        "question": "q3",
        "mistake": "a true box matched twice: duplicates counted as true positives",
        "code": '''def match_image(gt_boxes, det_boxes, det_scores, iou_threshold=0.5):
    """For each detection (input order), the index of the true box it matched, or -1."""
    det_scores = np.asarray(det_scores, dtype=float)
    ious = iou_matrix(det_boxes, gt_boxes)
    matched = np.full(len(det_scores), -1)
    if ious.shape[1] == 0:
        return matched
    for d in np.argsort(-det_scores, kind="stable"):
        g = int(np.argmax(ious[d]))
        if ious[d, g] >= iou_threshold:
            matched[d] = g
    return matched
''' + _Q3_TAIL,
        "message": "Each true box can be matched at most once",
    },
    {
        "question": "q3",
        "mistake": "PASCAL VOC's rule: a detection whose best box is taken is a false positive",
        "code": '''def match_image(gt_boxes, det_boxes, det_scores, iou_threshold=0.5):
    """For each detection (input order), the index of the true box it matched, or -1."""
    det_scores = np.asarray(det_scores, dtype=float)
    ious = iou_matrix(det_boxes, gt_boxes)
    matched = np.full(len(det_scores), -1)
    taken = np.zeros(ious.shape[1], dtype=bool)
    if ious.shape[1] == 0:
        return matched
    for d in np.argsort(-det_scores, kind="stable"):
        g = int(np.argmax(ious[d]))
        if ious[d, g] >= iou_threshold and not taken[g]:
            matched[d] = g
            taken[g] = True
    return matched
''' + _Q3_TAIL,
        "message": "a detection chooses among the true boxes not yet taken",
    },
    {
        "question": "q3",
        "mistake": "the first true box above the threshold instead of the best one",
        "code": '''def match_image(gt_boxes, det_boxes, det_scores, iou_threshold=0.5):
    """For each detection (input order), the index of the true box it matched, or -1."""
    det_scores = np.asarray(det_scores, dtype=float)
    ious = iou_matrix(det_boxes, gt_boxes)
    matched = np.full(len(det_scores), -1)
    taken = np.zeros(ious.shape[1], dtype=bool)
    for d in np.argsort(-det_scores, kind="stable"):
        for g in range(ious.shape[1]):
            if not taken[g] and ious[d, g] >= iou_threshold:
                matched[d] = g
                taken[g] = True
                break
    return matched
''' + _Q3_TAIL,
        "message": "the one it overlaps most",
    },
    {
        "question": "q3",
        "mistake": "IoU > threshold instead of >= (PASCAL VOC's comparison)",
        "code": '''def match_image(gt_boxes, det_boxes, det_scores, iou_threshold=0.5):
    """For each detection (input order), the index of the true box it matched, or -1."""
    det_scores = np.asarray(det_scores, dtype=float)
    ious = iou_matrix(det_boxes, gt_boxes)
    matched = np.full(len(det_scores), -1)
    taken = np.zeros(ious.shape[1], dtype=bool)
    if ious.shape[1] == 0:
        return matched
    for d in np.argsort(-det_scores, kind="stable"):
        available = np.where(taken, -1.0, ious[d])
        g = int(np.argmax(available))
        if available[g] > iou_threshold:
            matched[d] = g
            taken[g] = True
    return matched
''' + _Q3_TAIL,
        "message": "COCO's rule is IoU >= threshold, not >",
    },
    # ---------------------------------------------------------------- q4: precision and recall
    {
        "question": "q4",
        "mistake": "recall divided by the number of detections instead of true boxes",
        "code": '''def precision_recall(per_image, iou_threshold=0.5):
    """Recall and precision after each detection of all images, by decreasing score."""
    scores, hits = [], []
    for gt_boxes, det_boxes, det_scores in per_image:
        matched = match_image(gt_boxes, det_boxes, det_scores, iou_threshold)
        scores.extend(det_scores)
        hits.extend(matched >= 0)
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    cumulative_tp = np.cumsum(np.asarray(hits, dtype=float)[order])
    recall = cumulative_tp / len(order)
    precision = cumulative_tp / np.arange(1, len(order) + 1)
    return recall, precision
''' + _Q4_TAIL,
        "message": "not by the number of detections",
    },
    {
        "question": "q4",
        "mistake": "true boxes counted only in images with detections (missed objects left out)",
        "code": '''def precision_recall(per_image, iou_threshold=0.5):
    """Recall and precision after each detection of all images, by decreasing score."""
    scores, hits = [], []
    n_true = 0
    for gt_boxes, det_boxes, det_scores in per_image:
        if len(det_scores) == 0:
            continue  # nothing to match in this image
        n_true += len(gt_boxes)
        matched = match_image(gt_boxes, det_boxes, det_scores, iou_threshold)
        scores.extend(det_scores)
        hits.extend(matched >= 0)
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    cumulative_tp = np.cumsum(np.asarray(hits, dtype=float)[order])
    recall = cumulative_tp / n_true
    precision = cumulative_tp / np.arange(1, len(order) + 1)
    return recall, precision
''' + _Q4_TAIL,
        "message": "Count every true box of every image",
    },
    {
        "question": "q4",
        "mistake": "detections sorted within each image, not over all images together",
        "code": '''def precision_recall(per_image, iou_threshold=0.5):
    """Recall and precision after each detection of all images, by decreasing score."""
    hits = []
    n_true = 0
    for gt_boxes, det_boxes, det_scores in per_image:
        n_true += len(gt_boxes)
        matched = match_image(gt_boxes, det_boxes, det_scores, iou_threshold)
        order = np.argsort(-np.asarray(det_scores, dtype=float), kind="stable")
        hits.extend(matched[order] >= 0)
    cumulative_tp = np.cumsum(np.asarray(hits, dtype=float))
    recall = cumulative_tp / n_true
    precision = cumulative_tp / np.arange(1, len(hits) + 1)
    return recall, precision
''' + _Q4_TAIL,
        "message": "Sort the detections of all images together by decreasing score",
    },
    {
        "question": "q4",
        "mistake": "a detection counted as a true positive whenever its best IoU passes the "
                   "threshold, without matching (duplicates become true positives)",
        "code": '''def precision_recall(per_image, iou_threshold=0.5):
    """Recall and precision after each detection of all images, by decreasing score."""
    scores, hits = [], []
    n_true = 0
    for gt_boxes, det_boxes, det_scores in per_image:
        n_true += len(gt_boxes)
        ious = iou_matrix(det_boxes, gt_boxes)
        best = ious.max(axis=1) if ious.shape[1] else np.zeros(len(det_scores))
        scores.extend(det_scores)
        hits.extend(best >= iou_threshold)
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    cumulative_tp = np.cumsum(np.asarray(hits, dtype=float)[order])
    recall = cumulative_tp / n_true
    precision = cumulative_tp / np.arange(1, len(order) + 1)
    return recall, precision
''' + _Q4_TAIL,
        "message": "counts the duplicate box (score 0.6) as a true positive",
    },
    # ---------------------------------------------------------------- q5: COCO AP
    {
        "question": "q5",
        "mistake": "AP without the precision envelope (raw precision at each recall level)",
        "code": '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    total = 0.0
    for level in np.linspace(0, 1, 101):
        reached = np.flatnonzero(recall >= level)
        if reached.size:
            total += precision[reached[0]]
    return total / 101
''' + _Q5_TAIL,
        "message": "without the envelope",
    },
    {
        "question": "q5",
        "mistake": "VOC2007's 11 recall levels instead of COCO's 101",
        "code": '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    total = 0.0
    for level in np.linspace(0, 1, 11):
        reached = recall >= level
        if reached.any():
            total += envelope[reached].max()
    return total / 11
''' + _Q5_TAIL,
        "message": "is the 11-point AP of PASCAL VOC 2007",
    },
    {
        "question": "q5",
        "mistake": "the exact area under the envelope (VOC2010's all-point AP) instead of 101 samples",
        "code": '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    steps = np.diff(recall, prepend=0.0)
    return float(np.sum(steps * envelope))
''' + _Q5_TAIL,
        "message": "is the exact area under the envelope",
    },
    {
        "question": "q5",
        "mistake": "the mean taken only over the recall levels the curve reaches",
        "code": '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    if recall.size == 0:
        return 0.0
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    sampled = [envelope[recall >= level].max() for level in np.linspace(0, 1, 101)
               if np.any(recall >= level)]
    return float(np.mean(sampled))
''' + _Q5_TAIL,
        "message": "A recall level the detector never reaches counts as precision 0",
    },
]
