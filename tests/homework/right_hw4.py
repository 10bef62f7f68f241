"""Right answers to homework 4 written in other ways than the solution: each must get full
marks from the full grader, public and hidden checks (tests/test_homework.py)."""

_Q5_TAIL = '''

ap50 = coco_ap(*precision_recall(person, 0.5))
ap75 = coco_ap(*precision_recall(person, 0.75))
'''

RIGHT_SOLUTIONS = [
    {"question": "q1", "way": "NumPy on the two corners, a NumPy number returned",
     "code": '''def box_iou_xywh(box_a, box_b):
    a = np.asarray(box_a, dtype=float)
    b = np.asarray(box_b, dtype=float)
    top_left = np.maximum(a[:2], b[:2])
    bottom_right = np.minimum(a[:2] + a[2:], b[:2] + b[2:])
    inter = np.prod(np.clip(bottom_right - top_left, 0, None))
    union = np.prod(a[2:]) + np.prod(b[2:]) - inter
    return inter / union if union > 0 else np.float64(0)
'''},
    {"question": "q1", "way": "corners first, an early return for boxes that do not overlap, "
                              "a 0-d array returned",
     "code": '''def box_iou_xywh(box_a, box_b):
    ax1, ay1, aw, ah = box_a
    bx1, by1, bw, bh = box_b
    ax2, ay2 = ax1 + aw, ay1 + ah
    bx2, by2 = bx1 + bw, by1 + bh
    left, right = max(ax1, bx1), min(ax2, bx2)
    top, bottom = max(ay1, by1), min(ay2, by2)
    if right <= left or bottom <= top:      # apart, or only touching
        return 0.0
    inter = (right - left) * (bottom - top)
    return np.array(inter / (aw * ah + bw * bh - inter))
'''},
    {"question": "q2", "way": "None-indexing, a helper for the areas, np.where with errstate",
     "code": '''def area(boxes):
    return boxes[:, 2] * boxes[:, 3]


def iou_matrix(boxes_a, boxes_b):
    boxes_a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    boxes_b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    x1 = np.maximum(boxes_a[:, None, 0], boxes_b[None, :, 0])
    y1 = np.maximum(boxes_a[:, None, 1], boxes_b[None, :, 1])
    x2 = np.minimum(boxes_a[:, None, 0] + boxes_a[:, None, 2], boxes_b[None, :, 0] + boxes_b[None, :, 2])
    y2 = np.minimum(boxes_a[:, None, 1] + boxes_a[:, None, 3], boxes_b[None, :, 1] + boxes_b[None, :, 3])
    inter = np.maximum(x2 - x1, 0) * np.maximum(y2 - y1, 0)
    union = area(boxes_a)[:, None] + area(boxes_b)[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, inter / union, 0.0)
'''},
    {"question": "q2", "way": "a loop over the four columns (a literal range), np.divide into "
                              "a preallocated array",
     "code": '''def iou_matrix(boxes_a, boxes_b):
    """IoU of every box in boxes_a (N, 4) with every box in boxes_b (M, 4), as an (N, M) array."""
    boxes_a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    boxes_b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    cols_a, rows_b = [], []
    for k in range(4):
        cols_a.append(boxes_a[:, k:k + 1])   # (N, 1)
        rows_b.append(boxes_b[:, k])         # (M,)
    xa, ya, wa, ha = cols_a
    xb, yb, wb, hb = rows_b
    w = np.clip(np.minimum(xa + wa, xb + wb) - np.maximum(xa, xb), 0, None)
    h = np.clip(np.minimum(ya + ha, yb + hb) - np.maximum(ya, yb), 0, None)
    inter = w * h
    union = wa * ha + wb * hb - inter
    iou = np.zeros(inter.shape)
    np.divide(inter, union, out=iou, where=union != 0)
    return iou
'''},
    {"question": "q3", "way": "plain Python: sorted turns, a set of taken boxes, "
                              "box_iou_xywh for each pair, a list returned",
     "code": '''def match_image(gt_boxes, det_boxes, det_scores, iou_threshold=0.5):
    turns = sorted(range(len(det_scores)), key=lambda d: -det_scores[d])   # stable
    taken = set()
    result = [-1] * len(det_scores)
    for d in turns:
        best, best_iou = -1, -1.0
        for g in range(len(gt_boxes)):
            if g in taken:
                continue
            iou = box_iou_xywh(det_boxes[d], gt_boxes[g])
            if iou >= best_iou:          # >=: of equal IoUs, the last box wins
                best, best_iou = g, iou
        if best >= 0 and best_iou >= iou_threshold:
            result[d] = best
            taken.add(best)
    return result
'''},
    {"question": "q3", "way": "the IoU matrix with taken columns set to -inf, mergesort, "
                              "a flipped argmax",
     "code": '''def match_image(gt_boxes, det_boxes, det_scores, iou_threshold=0.5):
    det_scores = np.asarray(det_scores, dtype=float)
    ious = iou_matrix(det_boxes, gt_boxes).copy()
    n_det, n_gt = ious.shape
    matched = -np.ones(n_det, dtype=np.int64)
    if n_gt == 0:
        return matched
    for d in np.argsort(-det_scores, kind="mergesort"):
        g = n_gt - 1 - np.argmax(np.flip(ious[d]))
        if ious[d, g] >= iou_threshold:
            matched[d] = g
            ious[:, g] = -np.inf     # nobody can take this box again
    return matched
'''},
    {"question": "q4", "way": "a list of (score, hit) pairs sorted by Python (stable), lists "
                              "returned, the threshold passed by keyword",
     "code": '''def precision_recall(per_image, iou_threshold=0.5):
    pairs = []
    total_true = 0
    for gt_boxes, det_boxes, det_scores in per_image:
        total_true += len(gt_boxes)
        matches = match_image(gt_boxes, det_boxes, det_scores, iou_threshold=iou_threshold)
        for score, match in zip(det_scores, matches):
            pairs.append((float(score), match >= 0))
    pairs.sort(key=lambda pair: pair[0], reverse=True)   # stable, also with reverse=True
    recall, precision, tp = [], [], 0
    for k, (score, hit) in enumerate(pairs, start=1):
        tp += hit
        recall.append(tp / total_true)
        precision.append(tp / k)
    return recall, precision

''' + '''
curve_50 = precision_recall(person, 0.5)
if curve_50 is not None:  # the person curve at IoU 0.5, once your function returns it
    print("recall:   ", np.round(curve_50[0], 3))
    print("precision:", np.round(curve_50[1], 3))
'''},
    {"question": "q4", "way": "np.concatenate, a 2 x n array returned",
     "code": '''def precision_recall(per_image, iou_threshold=0.5):
    scores = np.concatenate([np.asarray(s, dtype=float) for _g, _d, s in per_image])
    hits = np.concatenate([np.asarray(match_image(g, d, s, iou_threshold)) >= 0
                           for g, d, s in per_image])
    n_true = sum(len(g) for g, _d, _s in per_image)
    tp = np.cumsum(hits[np.argsort(-scores, kind="stable")])
    return np.array([tp / n_true, tp / np.arange(1, tp.size + 1)]).reshape(2, -1)
'''},
    {"question": "q5", "way": "np.searchsorted at np.linspace levels, np.mean, ap50 through "
                              "named variables",
     "code": '''def coco_ap(recall, precision):
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    if recall.size == 0:
        return 0.0
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    first = np.searchsorted(recall, np.linspace(0, 1, 101), side="left")
    sampled = np.zeros(101)
    reached = first < recall.size
    sampled[reached] = envelope[first[reached]]
    return np.mean(sampled)


recall_50, precision_50 = precision_recall(person, 0.5)
ap50 = coco_ap(recall_50, precision_50)
recall_75, precision_75 = precision_recall(person, 0.75)
ap75 = coco_ap(recall_75, precision_75)
'''},
    {"question": "q5", "way": "levels written k / 100 in a loop (the last bit differs from "
                              "np.linspace at ten levels)",
     "code": '''def coco_ap(recall, precision):
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    total = 0.0
    for k in range(101):
        level = k / 100
        at_or_after = [i for i in range(len(recall)) if recall[i] >= level]
        if at_or_after:
            total += max(precision[at_or_after[0]:])   # the envelope at that point
    return total / 101
''' + _Q5_TAIL},
    {"question": "q5", "way": "recall * 100 >= k, written without a level array",
     "code": '''def coco_ap(recall, precision):
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    best_after = np.maximum.accumulate(precision[::-1])[::-1] if precision.size else precision
    values = []
    for k in range(101):
        hits = np.nonzero(recall * 100 >= k)[0]
        values.append(best_after[hits[0]] if hits.size else 0.0)
    return sum(values) / len(values)
''' + _Q5_TAIL},
]
