"""Wrong answers to homework 4 (box IoU, matching, a precision–recall curve and COCO's AP), as
students write them; its checks must catch each one.

Each entry replaces the first answer cell of one question, in the otherwise solved notebook,
with the whole cell as a student could plausibly have left it, mistake included. The question
must then lose at least half of its points, its feedback must contain ``message`` (the words
that name the mistake), and no other question may lose points (tests/test_homework.py).
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

# A right coco_ap, for the entries whose mistake is in ap50 or ap75.
_COCO_AP = '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    total = 0.0
    for level in np.linspace(0, 1, 101):
        reached = recall >= level
        if reached.any():
            total += envelope[reached].max()
    return total / 101
'''

# The start of match_image (the given lines) and its right loop, for entries that change
# one thing.
_MATCH_HEAD = '''def match_image(gt_boxes, det_boxes, det_scores, iou_threshold=0.5):
    """For each detection (input order), the index of the true box it matched, or -1."""
    det_scores = np.asarray(det_scores, dtype=float)
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
        "message": "Clip the overlap's width and height at 0",
    },
    {
        "question": "q1",
        "mistake": "the overlap's area clipped at 0 instead of its width and height",
        "code": '''def box_iou_xywh(box_a, box_b):
    x1, y1, w1, h1 = box_a
    x2, y2, w2, h2 = box_b
    inter_w = min(x1 + w1, x2 + w2) - max(x1, x2)
    inter_h = min(y1 + h1, y2 + h2) - max(y1, y2)
    inter = max(0, inter_w * inter_h)   # no overlap -> 0
    union = w1 * h1 + w2 * h2 - inter
    return inter / union if union > 0 else 0.0
''' + _Q1_TAIL,
        "message": "clipping the product at 0 is too late",
    },
    {
        "question": "q1",
        "mistake": "x and y read as the centre of the box (YOLO's convention)",
        "code": '''def box_iou_xywh(box_a, box_b):
    """IoU of two boxes [x, y, w, h] in continuous (COCO) coordinates."""
    def corners(box):
        cx, cy, w, h = box
        return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2

    ax1, ay1, ax2, ay2 = corners(box_a)
    bx1, by1, bx2, by2 = corners(box_b)
    w = max(0.0, min(ax2, bx2) - max(ax1, bx1))
    h = max(0.0, min(ay2, by2) - max(ay1, by1))
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - w * h
    return w * h / union if union > 0 else 0.0
''' + _Q1_TAIL,
        "message": "as if x and y were the box's centre",
    },
    {
        "question": "q1",
        "mistake": "NumPy division gives nan for two boxes of area 0",
        "code": '''def box_iou_xywh(box_a, box_b):
    a = np.asarray(box_a, dtype=float)
    b = np.asarray(box_b, dtype=float)
    top_left = np.maximum(a[:2], b[:2])
    bottom_right = np.minimum(a[:2] + a[2:], b[:2] + b[2:])
    inter = np.prod(np.clip(bottom_right - top_left, 0, None))
    with np.errstate(invalid="ignore"):
        return inter / (a[2] * a[3] + b[2] * b[3] - inter)
''' + _Q1_TAIL,
        "message": "both boxes have area 0, so the union is 0",
    },
    {
        "question": "q1",
        "mistake": "no guard for a union of 0: ZeroDivisionError for two boxes of area 0",
        "code": '''def box_iou_xywh(box_a, box_b):
    xa, ya, wa, ha = box_a
    xb, yb, wb, hb = box_b
    iw = max(0, min(xa + wa, xb + wb) - max(xa, xb))
    ih = max(0, min(ya + ha, yb + hb) - max(ya, yb))
    return iw * ih / (wa * ha + wb * hb - iw * ih)
''' + _Q1_TAIL,
        "message": "Both boxes have area 0, so their union is 0",
    },
    {
        "question": "q1",
        "mistake": "the overlap divided by the first box's area",
        "code": '''def box_iou_xywh(box_a, box_b):
    xa, ya, wa, ha = box_a
    xb, yb, wb, hb = box_b
    overlap = max(0, min(xa + wa, xb + wb) - max(xa, xb)) * max(0, min(ya + ha, yb + hb) - max(ya, yb))
    area = wa * ha
    return overlap / area if area else 0.0
''' + _Q1_TAIL,
        "message": "the share of the first box that overlaps",
    },
    {
        "question": "q1",
        "mistake": "lecturelib's box_iou called (imported in the cell)",
        "code": '''from lecturelib.detection import box_iou


def box_iou_xywh(box_a, box_b):
    """IoU of two boxes [x, y, w, h] in continuous (COCO) coordinates."""
    return float(box_iou([box_a], [box_b], box_format="xywh")[0, 0])
''' + _Q1_TAIL,
        "message": "Line 3 of your `box_iou_xywh` calls `box_iou`, which this homework asks "
                   "you to write yourself",
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
        "message": "broadcast only when N == M",
    },
    {
        "question": "q2",
        "mistake": "a list comprehension over the pairs, calling box_iou_xywh",
        "code": '''def iou_matrix(boxes_a, boxes_b):
    """IoU of every box in boxes_a (N, 4) with every box in boxes_b (M, 4), as an (N, M) array."""
    boxes_a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    boxes_b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    ious = [[box_iou_xywh(a, b) for b in boxes_b] for a in boxes_a]
    return np.array(ious).reshape(len(boxes_a), len(boxes_b))
''' + _Q2_TAIL,
        "message": "Line 5 of your `iou_matrix` has a comprehension",
    },
    {
        "question": "q2",
        "mistake": "a for loop over the rows of boxes_a, each row broadcast against boxes_b",
        "code": '''def iou_matrix(boxes_a, boxes_b):
    """IoU of every box in boxes_a (N, 4) with every box in boxes_b (M, 4), as an (N, M) array."""
    boxes_a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    boxes_b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    out = np.zeros((len(boxes_a), len(boxes_b)))
    xb, yb, wb, hb = boxes_b.T
    for i, (x, y, w, h) in enumerate(boxes_a):
        iw = np.clip(np.minimum(x + w, xb + wb) - np.maximum(x, xb), 0, None)
        ih = np.clip(np.minimum(y + h, yb + hb) - np.maximum(y, yb), 0, None)
        union = w * h + wb * hb - iw * ih
        out[i] = np.divide(iw * ih, union, out=np.zeros_like(union), where=union > 0)
    return out
''' + _Q2_TAIL,
        "message": "has a `for` loop, but this question asks for every pair at once",
    },
    {
        "question": "q2",
        "mistake": "np.vectorize around box_iou_xywh (a Python loop in disguise)",
        "code": '''def iou_matrix(boxes_a, boxes_b):
    """IoU of every box in boxes_a (N, 4) with every box in boxes_b (M, 4), as an (N, M) array."""
    boxes_a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    boxes_b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    pair_iou = np.vectorize(lambda i, j: box_iou_xywh(boxes_a[i], boxes_b[j]))
    rows, cols = np.indices((len(boxes_a), len(boxes_b)))
    return pair_iou(rows, cols).astype(float).reshape(len(boxes_a), len(boxes_b))
''' + _Q2_TAIL,
        "message": "calls `np.vectorize`",
    },
    {
        "question": "q2",
        "mistake": "lecturelib's box_iou called through a module alias",
        "code": '''import lecturelib.detection as det


def iou_matrix(boxes_a, boxes_b):
    """IoU of every box in boxes_a (N, 4) with every box in boxes_b (M, 4), as an (N, M) array."""
    boxes_a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    boxes_b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    return det.box_iou(boxes_a, boxes_b, box_format="xywh")
''' + _Q2_TAIL,
        "message": "calls `det.box_iou`, which this homework asks you to write yourself",
    },
    {
        "question": "q2",
        "mistake": "boxes_b as the columns: the (M, N) matrix, rows and columns swapped",
        "code": '''def iou_matrix(boxes_a, boxes_b):
    """IoU of every box in boxes_a (N, 4) with every box in boxes_b (M, 4), as an (N, M) array."""
    boxes_a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    boxes_b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    xa, ya, wa, ha = boxes_a.T                 # rows
    xb, yb, wb, hb = boxes_b.T[:, :, None]     # columns
    w = np.clip(np.minimum(xa + wa, xb + wb) - np.maximum(xa, xb), 0, None)
    h = np.clip(np.minimum(ya + ha, yb + hb) - np.maximum(ya, yb), 0, None)
    inter = w * h
    union = wa * ha + wb * hb - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
''' + _Q2_TAIL,
        "message": "rows and columns are swapped",
    },
    {
        "question": "q2",
        "mistake": "plain division: nan where both boxes have area 0",
        "code": '''def iou_matrix(boxes_a, boxes_b):
    """IoU of every box in boxes_a (N, 4) with every box in boxes_b (M, 4), as an (N, M) array."""
    boxes_a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    boxes_b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    a = boxes_a[:, None, :]
    b = boxes_b[None, :, :]
    w = np.maximum(0, np.minimum(a[..., 0] + a[..., 2], b[..., 0] + b[..., 2]) - np.maximum(a[..., 0], b[..., 0]))
    h = np.maximum(0, np.minimum(a[..., 1] + a[..., 3], b[..., 1] + b[..., 3]) - np.maximum(a[..., 1], b[..., 1]))
    inter = w * h
    with np.errstate(invalid="ignore", divide="ignore"):
        return inter / (a[..., 2] * a[..., 3] + b[..., 2] * b[..., 3] - inter)
''' + _Q2_TAIL,
        "message": "nan where both boxes have area 0",
    },
    {
        "question": "q2",
        "mistake": "an empty 1-D array when one side has no boxes",
        "code": '''def iou_matrix(boxes_a, boxes_b):
    """IoU of every box in boxes_a (N, 4) with every box in boxes_b (M, 4), as an (N, M) array."""
    boxes_a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    boxes_b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    if len(boxes_a) == 0 or len(boxes_b) == 0:
        return np.array([])  # nothing to compare
    x1 = np.maximum(boxes_a[:, None, 0], boxes_b[:, 0])
    y1 = np.maximum(boxes_a[:, None, 1], boxes_b[:, 1])
    x2 = np.minimum(boxes_a[:, None, 0] + boxes_a[:, None, 2], boxes_b[:, 0] + boxes_b[:, 2])
    y2 = np.minimum(boxes_a[:, None, 1] + boxes_a[:, None, 3], boxes_b[:, 1] + boxes_b[:, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    union = (boxes_a[:, 2] * boxes_a[:, 3])[:, None] + boxes_b[:, 2] * boxes_b[:, 3] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
''' + _Q2_TAIL,
        "message": "With no boxes on one side the answer is still an (N, M) array",
    },
    # ---------------------------------------------------------------- q3: matching
    {
        "question": "q3",
        "mistake": "detections matched in input order, and ties on IoU to the first box",
        "code": _MATCH_HEAD + '''    ious = iou_matrix(det_boxes, gt_boxes)
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
        "message": "the detections took their turns in the order of the list",
    },
    {
        "question": "q3",
        "mistake": "a true box matched twice: duplicates counted as true positives",
        "code": _MATCH_HEAD + '''    ious = iou_matrix(det_boxes, gt_boxes)
    matched = np.full(len(det_scores), -1)
    if ious.shape[1] == 0:
        return matched
    for d in np.argsort(-det_scores, kind="stable"):
        g = len(gt_boxes) - 1 - int(np.argmax(ious[d][::-1]))
        if ious[d, g] >= iou_threshold:
            matched[d] = g
    return matched
''' + _Q3_TAIL,
        "message": "a true box was matched by more than one detection",
    },
    {
        "question": "q3",
        "mistake": "PASCAL VOC's rule: a detection whose best box is taken is a false positive",
        "code": _MATCH_HEAD + '''    ious = iou_matrix(det_boxes, gt_boxes)
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
        "message": "as in PASCAL VOC's evaluator",
    },
    {
        "question": "q3",
        "mistake": "the first true box above the threshold instead of the best one",
        "code": _MATCH_HEAD + '''    ious = iou_matrix(det_boxes, gt_boxes)
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
        "message": "each detection took the first free true box that passes the threshold",
    },
    {
        "question": "q3",
        "mistake": "IoU > threshold instead of >= (PASCAL VOC's comparison)",
        "code": _MATCH_HEAD + '''    ious = iou_matrix(det_boxes, gt_boxes)
    matched = np.full(len(det_scores), -1)
    taken = np.zeros(ious.shape[1], dtype=bool)
    if ious.shape[1] == 0:
        return matched
    for d in np.argsort(-det_scores, kind="stable"):
        available = np.where(taken, -1.0, ious[d])
        g = len(available) - 1 - int(np.argmax(available[::-1]))
        if available[g] > iou_threshold:
            matched[d] = g
            taken[g] = True
    return matched
''' + _Q3_TAIL,
        "message": "COCO's rule is IoU >= threshold, not >",
    },
    {
        "question": "q3",
        "mistake": "ties on IoU go to the first true box (np.argmax as it is)",
        "code": _MATCH_HEAD + '''    ious = iou_matrix(det_boxes, gt_boxes)      # (detections, true boxes)
    matched = np.full(len(det_scores), -1)
    taken = np.zeros(ious.shape[1], dtype=bool)
    if ious.shape[1] == 0:
        return matched
    for d in np.argsort(-det_scores, kind="stable"):
        available = np.where(taken, -1.0, ious[d])
        g = int(np.argmax(available))           # the best free box
        if available[g] >= iou_threshold:
            matched[d] = g
            taken[g] = True
    return matched
''' + _Q3_TAIL,
        "message": "when two free true boxes tie for the highest IoU, the detection took the "
                   "first of them",
    },
    {
        "question": "q3",
        "mistake": "turns from an ascending sort reversed (ties in reverse input order)",
        "code": _MATCH_HEAD + '''    ious = iou_matrix(det_boxes, gt_boxes)
    matched = np.full(len(det_scores), -1)
    free = list(range(ious.shape[1]))
    for d in np.argsort(det_scores)[::-1]:       # highest score first
        if not free:
            break
        best = max(reversed(free), key=lambda g: ious[d, g])
        if ious[d, best] >= iou_threshold:
            matched[d] = best
            free.remove(best)
    return matched
''' + _Q3_TAIL,
        "message": "of two detections with equal scores, the later one in the list chose first",
    },
    {
        "question": "q3",
        "mistake": "np.argsort's default (unstable) sort for the turns",
        "code": _MATCH_HEAD + '''    ious = iou_matrix(det_boxes, gt_boxes)
    matched = np.full(len(det_scores), -1)
    taken = np.zeros(ious.shape[1], dtype=bool)
    if ious.shape[1] == 0:
        return matched
    for d in np.argsort(-det_scores):
        available = np.where(taken, -1.0, ious[d])
        g = len(available) - 1 - int(np.argmax(available[::-1]))
        if available[g] >= iou_threshold:
            matched[d] = g
            taken[g] = True
    return matched
''' + _Q3_TAIL,
        "message": "np.argsort's default sort is not stable",
    },
    {
        "question": "q3",
        "mistake": "the matching threshold fixed at 0.5",
        "code": _MATCH_HEAD + '''    ious = iou_matrix(det_boxes, gt_boxes)
    matched = np.full(len(det_scores), -1)
    taken = np.zeros(ious.shape[1], dtype=bool)
    if ious.shape[1] == 0:
        return matched
    for d in np.argsort(-det_scores, kind="stable"):
        available = np.where(taken, -1.0, ious[d])
        g = len(available) - 1 - int(np.argmax(available[::-1]))
        if available[g] >= 0.5:                  # COCO's threshold
            matched[d] = g
            taken[g] = True
    return matched
''' + _Q3_TAIL,
        "message": "whatever the threshold argument says",
    },
    {
        "question": "q3",
        "mistake": "the answer listed in the order of the turns, not in input order",
        "code": _MATCH_HEAD + '''    ious = iou_matrix(det_boxes, gt_boxes)
    order = np.argsort(-det_scores, kind="stable")
    taken = set()
    result = []
    for d in order:
        row = ious[d]
        best, best_iou = -1, iou_threshold
        for g in range(len(row)):
            if g not in taken and row[g] >= best_iou:
                best, best_iou = g, row[g]
        if best >= 0:
            taken.add(best)
        result.append(best)
    return np.array(result, dtype=int)
''' + _Q3_TAIL,
        "message": "the entries are in the order of the turns",
    },
    {
        "question": "q3",
        "mistake": "lecturelib's match_detections called",
        "code": _MATCH_HEAD + '''    matches = match_detections(gt_boxes, det_boxes, det_scores, iou_threshold=iou_threshold)
    return matches.gt_index
''' + _Q3_TAIL,
        "message": "calls `match_detections`, which this homework asks you to write yourself",
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
        "message": "recall divides the true positives by the number of detections",
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
        "message": "count every true box of every image",
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
        "message": "Pool the detections of all the images, then sort them together",
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
        "message": "so a duplicate box on an object already found counted too",
    },
    {
        "question": "q4",
        "mistake": "the pair returned as (precision, recall)",
        "code": '''def precision_recall(per_image, iou_threshold=0.5):
    """Recall and precision after each detection of all images, by decreasing score."""
    all_scores, all_hits, n_true = [], [], 0
    for gt_boxes, det_boxes, det_scores in per_image:
        n_true += len(gt_boxes)
        all_scores.append(np.asarray(det_scores, dtype=float))
        all_hits.append(match_image(gt_boxes, det_boxes, det_scores, iou_threshold) >= 0)
    scores, hits = np.concatenate(all_scores), np.concatenate(all_hits)
    tp = np.cumsum(hits[np.argsort(-scores, kind="stable")])
    # precision first, as in the name of the function
    return tp / np.arange(1, len(tp) + 1), tp / n_true
''' + _Q4_TAIL,
        "message": "returned the two arrays in the other order, (precision, recall)",
    },
    {
        "question": "q4",
        "mistake": "match_image called without the threshold (always 0.5)",
        "code": '''def precision_recall(per_image, iou_threshold=0.5):
    """Recall and precision after each detection of all images, by decreasing score."""
    scores, hits = [], []
    n_true = 0
    for gt_boxes, det_boxes, det_scores in per_image:
        n_true += len(gt_boxes)
        scores.extend(det_scores)
        hits.extend(match_image(gt_boxes, det_boxes, det_scores) >= 0)
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    cumulative_tp = np.cumsum(np.asarray(hits, dtype=float)[order])
    return cumulative_tp / n_true, cumulative_tp / np.arange(1, len(order) + 1)
''' + _Q4_TAIL,
        "message": "pass `iou_threshold` on to match_image",
    },
    {
        "question": "q4",
        "mistake": "the hits in score order without a running total",
        "code": '''def precision_recall(per_image, iou_threshold=0.5):
    """Recall and precision after each detection of all images, by decreasing score."""
    scores, hits = [], []
    n_true = 0
    for gt_boxes, det_boxes, det_scores in per_image:
        n_true += len(gt_boxes)
        scores.extend(det_scores)
        hits.extend(match_image(gt_boxes, det_boxes, det_scores, iou_threshold) >= 0)
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    tp = np.asarray(hits, dtype=float)[order]
    return tp / n_true, tp / np.arange(1, len(order) + 1)
''' + _Q4_TAIL,
        "message": "a running total: np.cumsum",
    },
    {
        "question": "q4",
        "mistake": "detections sorted by increasing score",
        "code": '''def precision_recall(per_image, iou_threshold=0.5):
    """Recall and precision after each detection of all images, by decreasing score."""
    pairs = []
    n_true = 0
    for gt_boxes, det_boxes, det_scores in per_image:
        n_true += len(gt_boxes)
        matched = match_image(gt_boxes, det_boxes, det_scores, iou_threshold)
        pairs += [(s, m >= 0) for s, m in zip(det_scores, matched)]
    pairs.sort(key=lambda pair: pair[0])
    tp = np.cumsum([hit for _score, hit in pairs])
    return tp / n_true, tp / np.arange(1, len(pairs) + 1)
''' + _Q4_TAIL,
        "message": "the curve starts from the lowest score",
    },
    {
        "question": "q4",
        "mistake": "np.argsort's default (unstable) sort of the pooled scores",
        "code": '''def precision_recall(per_image, iou_threshold=0.5):
    """Recall and precision after each detection of all images, by decreasing score."""
    scores = np.concatenate([np.asarray(s, dtype=float) for _g, _d, s in per_image])
    hits = np.concatenate([match_image(g, d, s, iou_threshold) >= 0 for g, d, s in per_image])
    n_true = sum(len(g) for g, _d, _s in per_image)
    tp = np.cumsum(hits[np.argsort(-scores)])
    return tp / n_true, tp / np.arange(1, len(tp) + 1)
''' + _Q4_TAIL,
        "message": "np.argsort's default sort is not stable",
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
        "message": "the 11-point AP of PASCAL VOC 2007",
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
        "message": "the exact area under the envelope",
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
    {
        "question": "q5",
        "mistake": "the 101 samples divided by 100",
        "code": '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    ap = 0.0
    for k in range(101):
        idx = np.searchsorted(recall, k / 100, side="left")
        if idx < len(recall):
            ap += envelope[idx] / 100   # 1 % of recall per level
    return ap
''' + _Q5_TAIL,
        "message": "divided by 100. There are 101 levels",
    },
    {
        "question": "q5",
        "mistake": "the envelope accumulated forwards (best precision at lower recall)",
        "code": '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    if len(recall) == 0:
        return 0.0
    envelope = np.maximum.accumulate(precision)      # never goes down
    levels = np.linspace(0, 1, 101)
    first = np.searchsorted(recall, levels, side="left")
    values = np.where(first < len(recall), envelope[np.minimum(first, len(recall) - 1)], 0.0)
    return float(values.mean())
''' + _Q5_TAIL,
        "message": "the envelope runs the wrong way",
    },
    {
        "question": "q5",
        "mistake": "np.linspace(0, 1, 100): 100 recall levels",
        "code": '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    levels = np.linspace(0, 1, 100)
    values = [envelope[recall >= t][0] if np.any(recall >= t) else 0.0 for t in levels]
    return float(np.mean(values))
''' + _Q5_TAIL,
        "message": "100 levels spaced 1/99 apart",
    },
    {
        "question": "q5",
        "mistake": "a level reached only when recall is above it (side='right')",
        "code": '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    first = np.searchsorted(recall, np.linspace(0, 1, 101), side="right")
    sampled = np.zeros(101)
    ok = first < len(recall)
    sampled[ok] = envelope[first[ok]]
    return float(sampled.mean())
''' + _Q5_TAIL,
        "message": "only when recall is *above* it",
    },
    {
        "question": "q5",
        "mistake": "nan for empty arrays (the mean of nothing)",
        "code": '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    envelope = np.maximum.accumulate(precision[::-1])[::-1] if len(precision) else precision
    values = []
    for t in np.linspace(0, 1, 101):
        i = np.searchsorted(recall, t)
        values.append(envelope[i] if i < len(recall) else 0.0)
    with np.errstate(invalid="ignore"):
        return float(np.mean(values)) if len(recall) else float(np.mean(recall))
''' + _Q5_TAIL,
        "message": "returned nan for empty arrays",
    },
    {
        "question": "q5",
        "mistake": "lecturelib's average_precision called inside coco_ap",
        "code": '''def coco_ap(recall, precision):
    """COCO's 101-point interpolated average precision of one precision-recall curve."""
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    return average_precision(recall, precision, method="coco101")
''' + _Q5_TAIL,
        "message": "Line 5 of your `coco_ap` calls `average_precision`",
    },
    {
        "question": "q5",
        "mistake": "ap50 and ap75 taken from coco_evaluate in the answer cell",
        "code": _COCO_AP + '''

evaluation = coco_evaluate(truth, detections)
ap50 = evaluation.precision[0, :, 0, 0, -1].mean()
ap75 = evaluation.precision[5, :, 0, 0, -1].mean()
''',
        "message": "of the answer cell of question 5 calls `coco_evaluate`",
    },
    {
        "question": "q5",
        "mistake": "ap50 and ap75 read from the evaluation the cell below makes (cells run out "
                   "of order)",
        "code": _COCO_AP + '''

# the numbers of the comparison cell below
ap50 = evaluation.precision[0, :, k, 0, -1].mean()
ap75 = evaluation.precision[5, :, k, 0, -1].mean()
''',
        "message": "uses `evaluation`, a result of lecturelib's evaluation",
    },
    {
        "question": "q5",
        "mistake": "ap50 and ap75 typed in from the printed numbers",
        "code": _COCO_AP + '''

ap50 = 0.927   # coco_ap(*precision_recall(person, 0.5)) printed 0.9270
ap75 = 0.3239
''',
        "message": "the AP rounded to 3 decimals, typed in",
    },
    {
        "question": "q5",
        "mistake": "ap50 and ap75 swapped",
        "code": _COCO_AP + '''

ap75, ap50 = (coco_ap(*precision_recall(person, t)) for t in (0.5, 0.75))
''',
        "message": "ap50 and ap75 are swapped",
    },
    {
        "question": "q5",
        "mistake": "ap75 copied from the ap50 line without changing the threshold",
        "code": _COCO_AP + '''

ap50 = coco_ap(*precision_recall(person, 0.5))
ap75 = coco_ap(*precision_recall(person, 0.5))
''',
        "message": "the AP of person at IoU 0.5; ap75 is the AP at IoU 0.75",
    },
    {
        "question": "q5",
        "mistake": "coco_ap's arguments passed as (precision, recall)",
        "code": _COCO_AP + '''

recall_50, precision_50 = precision_recall(person, 0.5)
recall_75, precision_75 = precision_recall(person, 0.75)
ap50 = coco_ap(precision_50, recall_50)
ap75 = coco_ap(precision_75, recall_75)
''',
        "message": "which is coco_ap(precision, recall)",
    },
]
