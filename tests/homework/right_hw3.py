"""Right answers to homework 3 written in other ways than the solution: each must get full
marks from the full grader, public and hidden checks (tests/test_homework.py)."""

RIGHT_SOLUTIONS = [
    {"question": "q1", "way": "a hand-made stratified split: a seeded generator, each class cut "
                              "by largest remainders, loops",
     "code": '''def split_three_ways(X, y, val_size=0.2, test_size=0.2, seed=0):
    rng = np.random.default_rng(seed)
    n = len(y)
    classes, counts = np.unique(y, return_counts=True)

    def allocate(total, sizes):
        # per-class shares of `total` that add up to it exactly (largest remainders)
        exact = total * sizes / sizes.sum()
        whole = np.floor(exact).astype(int)
        for i in np.argsort(whole - exact)[: total - whole.sum()]:
            whole[i] += 1
        return whole

    n_test = allocate(round(test_size * n), counts)
    n_val = allocate(round(val_size * n), counts - n_test)
    train, val, test = [], [], []
    for label, k_test, k_val in zip(classes, n_test, n_val):
        members = rng.permutation(np.flatnonzero(y == label))
        test.extend(members[:k_test])
        val.extend(members[k_test:k_test + k_val])
        train.extend(members[k_test + k_val:])
    parts = [np.sort(p) for p in (train, val, test)]
    return (X[parts[0]], X[parts[1]], X[parts[2]], y[parts[0]], y[parts[1]], y[parts[2]])
'''},
    {"question": "q1", "way": "StratifiedShuffleSplit on indices, then the rows picked by index",
     "code": '''from sklearn.model_selection import StratifiedShuffleSplit


def split_three_ways(X, y, val_size=0.2, test_size=0.2, seed=0):
    n_samples = y.shape[0]
    index = np.arange(n_samples)
    cut = StratifiedShuffleSplit(n_splits=1, test_size=int(round(test_size * n_samples)),
                                 random_state=seed)
    rest, test = next(cut.split(index, y))
    cut = StratifiedShuffleSplit(n_splits=1, test_size=int(round(val_size * n_samples)),
                                 random_state=seed)
    train, val = next(cut.split(rest, y[rest]))
    train, val = rest[train], rest[val]
    return X[train], X[val], X[test], y[train], y[val], y[test]
'''},
    {"question": "q2", "way": "scikit-learn's StandardScaler, fitted on the training part once",
     "code": '''from sklearn.preprocessing import StandardScaler


def standardise(X_train, X_val, X_test):
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_val), scaler.transform(X_test)
'''},
    {"question": "q2", "way": "a loop over the columns, the n - 1 standard deviation, lists of "
                              "columns stacked back",
     "code": '''def standardise(X_train, X_val, X_test):
    columns = {"train": [], "val": [], "test": []}
    for j in range(X_train.shape[1]):
        mu = X_train[:, j].mean()
        sd = X_train[:, j].std(ddof=1)
        if sd == 0:          # constant in training: only shift it
            sd = 1.0
        for name, X in (("train", X_train), ("val", X_val), ("test", X_test)):
            columns[name].append((X[:, j] - mu) / sd)
    return tuple(np.column_stack(columns[name]) for name in ("train", "val", "test"))
'''},
    {"question": "q3", "way": "negative index for the default, a NumPy float returned",
     "code": '''def generalisation_gap(history, epoch=None):
    index = -1 if epoch is None else epoch - 1
    return np.float64(history.val_loss[index]) - np.float64(history.train_loss[index])
'''},
    {"question": "q4", "way": "NumPy: the running minimum finds the improvements, then the "
                              "first long enough wait",
     "code": '''def early_stopping_epoch(history, patience=5):
    val = np.asarray(history.val_loss, dtype=float)
    lowest_before = np.concatenate([[np.inf], np.minimum.accumulate(val)[:-1]])
    improving = np.flatnonzero(val < lowest_before) + 1       # epochs, from 1
    ends = np.append(improving[1:], len(val) + 1)             # next improvement (or past the end)
    for record, following in zip(improving, ends):
        if following - record > patience and record + patience <= len(val):
            return record, record + patience
    return improving[-1], len(val)
'''},
    {"question": "q4", "way": "a Keras-style wait counter in a while loop, a list returned",
     "code": '''def early_stopping_epoch(history, patience=5):
    losses = list(history.val_loss)
    best, best_epoch, wait = float("inf"), 0, 0
    epoch = 0
    while epoch < len(losses):
        epoch += 1
        current = losses[epoch - 1]
        if current < best:
            best, best_epoch, wait = current, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                break
    return [best_epoch, epoch]
'''},
    {"question": "q5", "way": "the initial model deep-copied before the full run; the accuracy "
                              "as a 0-d tensor",
     "code": '''import copy


def train_with_early_stopping(data, n_hidden=64, lr=0.1, batch_size=32, epochs=60,
                              optimizer="sgd", patience=5, seed=0):
    net = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    start = copy.deepcopy(net)                      # the initial weights, for the replay
    options = {"lr": lr, "batch_size": batch_size, "optimizer": optimizer, "seed": seed}
    history = fit(net, data, cross_entropy, epochs=epochs, **options)
    best, stop = early_stopping_epoch(history, patience)
    fit(start, data, cross_entropy, epochs=best, **options)
    correct = predict(start, data.X_test) == data.y_test
    return {"model": start, "history": history, "best_epoch": best, "stop_epoch": stop,
            "gap": generalisation_gap(history, best), "test_accuracy": correct.double().mean()}
'''},
    {"question": "q5", "way": "the initial state_dict reloaded; PyTorch's own cross-entropy; "
                              "the gap written out",
     "code": '''import torch.nn.functional as F


def train_with_early_stopping(data, n_hidden=64, lr=0.1, batch_size=32, epochs=60,
                              optimizer="sgd", patience=5, seed=0):
    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    initial = {k: v.clone() for k, v in model.state_dict().items()}
    run = fit(model, data, F.cross_entropy, lr=lr, batch_size=batch_size, epochs=epochs,
              optimizer=optimizer, seed=seed)
    best_epoch, stop_epoch = early_stopping_epoch(run, patience=patience)
    model.load_state_dict(initial)
    fit(model, data, F.cross_entropy, lr=lr, batch_size=batch_size, epochs=best_epoch,
        optimizer=optimizer, seed=seed)
    accuracy = accuracy_score(data.y_test.numpy(), predict(model, data.X_test).numpy())
    gap = run.val_loss[best_epoch - 1] - run.train_loss[best_epoch - 1]
    return dict(model=model, history=run, best_epoch=best_epoch, stop_epoch=stop_epoch,
                gap=gap, test_accuracy=float(accuracy))
'''},
    {"question": "q6", "way": "iris from return_X_y, class names written out",
     "code": '''digits_settings = dict(n_hidden=64, lr=0.1, epochs=60, patience=5)
second_settings = dict(n_hidden=32, lr=0.2, epochs=80, patience=8)   # tried after question 8

second_name = "iris"
X, y = BUNDLED[second_name](return_X_y=True)
second = make_data_split(X, y, ["setosa", "versicolor", "virginica"])
'''},
    {"question": "q6", "way": "breast cancer, keyword arguments",
     "code": '''digits_settings = dict(n_hidden=64, lr=0.1, epochs=60, patience=5)
second_settings = dict(n_hidden=64, lr=0.1, epochs=60, patience=5)

second_name = "breast_cancer"
data = BUNDLED[second_name]()
second = make_data_split(X=data.data, y=data.target, class_names=data.target_names, seed=0)
'''},
]
