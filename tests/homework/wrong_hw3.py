"""Wrong solutions of homework 3 (one network, two data sets) that its checks must catch.

Each entry replaces the *first* solution code cell of one question with the code a student
could plausibly have written, mistake included. The homework's checks must fail on it, and
the feedback of a failing check must contain ``message``, the words that name the mistake.
"""

_SPLIT_HEAD = '''def split_three_ways(X, y, val_size=0.2, test_size=0.2, seed=0):
    """Stratified train / validation / test split: X_train, X_val, X_test, y_train, y_val, y_test."""
'''

_STANDARDISE_HEAD = '''def standardise(X_train, X_val, X_test):
    """The three parts scaled with the training part's mean and standard deviation."""
'''

_GAP_HEAD = '''def generalisation_gap(history, epoch=None):
    """Validation loss minus training loss at `epoch` (1-based; the last epoch if None)."""
'''

_EARLY_HEAD = '''def early_stopping_epoch(history, patience=5):
    """(best_epoch, stop_epoch) of early stopping with `patience`, both counted from 1."""
'''

_RUN_HEAD = '''def train_with_early_stopping(data, n_hidden=64, lr=0.1, batch_size=32, epochs=60,
                              optimizer="sgd", patience=5, seed=0):
    """Train the course MLP on `data`, stop early on the validation loss, test once."""
'''

WRONG_SOLUTIONS = [
    # ---------------------------------------------------------------- q1: the split
    {
        "question": "q1",
        "mistake": "the validation part cut from ALL the data, so it overlaps the test part",
        "code": _SPLIT_HEAD + '''    X, y = np.asarray(X), np.asarray(y)
    X_rest, X_test, y_rest, y_test = train_test_split(
        X, y, test_size=test_size, stratify=y, random_state=seed)
    X_train, X_val, y_train, y_val = train_test_split(
        X, y, test_size=val_size, stratify=y, random_state=seed)
    return X_train, X_val, X_test, y_train, y_val, y_test
''',
        "message": "that is leakage",
    },
    {
        "question": "q1",
        "mistake": "X and y shuffled with two different permutations",
        "code": _SPLIT_HEAD + '''    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    X = X[rng.permutation(len(X))]
    y = y[rng.permutation(len(y))]
    n_test, n_val = round(test_size * len(y)), round(val_size * len(y))
    X_test, X_val, X_train = X[:n_test], X[n_test:n_test + n_val], X[n_test + n_val:]
    y_test, y_val, y_train = y[:n_test], y[n_test:n_test + n_val], y[n_test + n_val:]
    return X_train, X_val, X_test, y_train, y_val, y_test
''',
        "message": "rows and labels no longer belong together",
    },
    {
        "question": "q1",
        "mistake": "a plain random split, not stratified",
        "code": _SPLIT_HEAD + '''    X, y = np.asarray(X), np.asarray(y)
    order = np.random.default_rng(seed).permutation(len(y))
    X, y = X[order], y[order]
    n_test, n_val = round(test_size * len(y)), round(val_size * len(y))
    X_test, X_val, X_train = X[:n_test], X[n_test:n_test + n_val], X[n_test + n_val:]
    y_test, y_val, y_train = y[:n_test], y[n_test:n_test + n_val], y[n_test + n_val:]
    return X_train, X_val, X_test, y_train, y_val, y_test
''',
        "message": "split with stratify=",
    },
    {
        "question": "q1",
        "mistake": "val_size applied as a fraction of what is left after the test cut",
        "code": _SPLIT_HEAD + '''    X_rest, X_test, y_rest, y_test = train_test_split(
        X, y, test_size=test_size, stratify=y, random_state=seed)
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=val_size, stratify=y_rest, random_state=seed)
    return X_train, X_val, X_test, y_train, y_val, y_test
''',
        "message": "The same fraction of what is left after the first cut is a smaller number",
    },
    # ---------------------------------------------------------------- q2: standardisation
    {
        "question": "q2",
        "mistake": "scaler fitted on all the data (training, validation and test together)",
        "code": _STANDARDISE_HEAD + '''    everything = np.vstack([X_train, X_val, X_test])
    mean = everything.mean(axis=0)
    std = everything.std(axis=0)
    std = np.where(std > 0, std, 1.0)
    return (X_train - mean) / std, (X_val - mean) / std, (X_test - mean) / std
''',
        "message": "on all the data",
    },
    {
        "question": "q2",
        "mistake": "each part standardised with its own mean and standard deviation",
        "code": _STANDARDISE_HEAD + '''    def scale(X):
        std = X.std(axis=0)
        return (X - X.mean(axis=0)) / np.where(std > 0, std, 1.0)

    return scale(X_train), scale(X_val), scale(X_test)
''',
        "message": "with its OWN mean and standard deviation",
    },
    {
        "question": "q2",
        "mistake": "no guard for features that are constant in training (division by 0)",
        "code": _STANDARDISE_HEAD + '''    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    return (X_train - mean) / std, (X_val - mean) / std, (X_test - mean) / std
''',
        "message": "returned nan or inf there",
    },
    # ---------------------------------------------------------------- q3: the gap
    {
        "question": "q3",
        "mistake": "gap sign reversed (training minus validation)",
        "code": _GAP_HEAD + '''    if epoch is None:
        epoch = len(history.val_loss)
    return history.train_loss[epoch - 1] - history.val_loss[epoch - 1]
''',
        "message": "the sign is reversed",
    },
    {
        "question": "q3",
        "mistake": "epoch used as a 0-based list index",
        "code": _GAP_HEAD + '''    if epoch is None:
        epoch = -1
    return history.val_loss[epoch] - history.train_loss[epoch]
''',
        "message": "epochs are counted from 1",
    },
    {
        "question": "q3",
        "mistake": "gap of the accuracies instead of the losses",
        "code": _GAP_HEAD + '''    if epoch is None:
        epoch = len(history.val_loss)
    return history.train_accuracy[epoch - 1] - history.val_accuracy[epoch - 1]
''',
        "message": "a difference of accuracies",
    },
    # ---------------------------------------------------------------- q4: early stopping
    {
        "question": "q4",
        "mistake": "the epoch of the lowest training loss instead of validation loss",
        "code": _EARLY_HEAD + '''    best_epoch, best_loss = None, math.inf
    stop_epoch = len(history.train_loss)
    for epoch, loss in enumerate(history.train_loss, start=1):
        if loss < best_loss:
            best_epoch, best_loss = epoch, loss
        elif epoch - best_epoch >= patience:
            stop_epoch = epoch
            break
    return best_epoch, stop_epoch
''',
        "message": "the epoch of the lowest TRAINING loss",
    },
    {
        "question": "q4",
        "mistake": "epochs counted from 0 (list indices)",
        "code": _EARLY_HEAD + '''    best_epoch, best_loss = None, math.inf
    stop_epoch = len(history.val_loss)
    for epoch, loss in enumerate(history.val_loss):
        if loss < best_loss:
            best_epoch, best_loss = epoch, loss
        elif epoch - best_epoch >= patience:
            stop_epoch = epoch
            break
    return best_epoch, stop_epoch
''',
        "message": "epochs are counted from 1",
    },
    {
        "question": "q4",
        "mistake": "patience ignored: the lowest validation loss of the whole run",
        "code": _EARLY_HEAD + '''    best_epoch = int(np.argmin(history.val_loss)) + 1
    stop_epoch = min(best_epoch + patience, len(history.val_loss))
    return best_epoch, stop_epoch
''',
        "message": "it never sees epochs 9 and 10",
    },
    {
        "question": "q4",
        "mistake": "a tie counted as an improvement (<= instead of <)",
        "code": _EARLY_HEAD + '''    best_epoch, best_loss = None, math.inf
    stop_epoch = len(history.val_loss)
    for epoch, loss in enumerate(history.val_loss, start=1):
        if loss <= best_loss:
            best_epoch, best_loss = epoch, loss
        elif epoch - best_epoch >= patience:
            stop_epoch = epoch
            break
    return best_epoch, stop_epoch
''',
        "message": "STRICTLY lower",
    },
    {
        "question": "q4",
        "mistake": "patience off by one (stops one epoch late)",
        "code": _EARLY_HEAD + '''    best_epoch, best_loss = None, math.inf
    stop_epoch = len(history.val_loss)
    for epoch, loss in enumerate(history.val_loss, start=1):
        if loss < best_loss:
            best_epoch, best_loss = epoch, loss
        elif epoch - best_epoch > patience:
            stop_epoch = epoch
            break
    return best_epoch, stop_epoch
''',
        "message": "one epoch too late",
    },
    # ---------------------------------------------------------------- q5: the training run
    {
        "question": "q5",
        "mistake": "the test set used for early stopping",
        "code": "import dataclasses\n\n\n" + _RUN_HEAD + '''    settings = dict(lr=lr, batch_size=batch_size, optimizer=optimizer, seed=seed)
    # watch the test set during training, to stop where the exam score is best
    watched = dataclasses.replace(data, X_val=data.X_test, y_val=data.y_test)
    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    history = fit(model, watched, cross_entropy, epochs=epochs, **settings)
    best_epoch, stop_epoch = early_stopping_epoch(history, patience)
    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    fit(model, watched, cross_entropy, epochs=best_epoch, **settings)
    y_pred = predict(model, data.X_test).numpy()
    return {
        "model": model,
        "history": history,
        "best_epoch": best_epoch,
        "stop_epoch": stop_epoch,
        "gap": generalisation_gap(history, best_epoch),
        "test_accuracy": accuracy_score(data.y_test.numpy(), y_pred),
    }
''',
        "message": "early stopping must watch the VALIDATION set",
    },
    {
        "question": "q5",
        "mistake": "the validation accuracy reported as the test accuracy",
        "code": _RUN_HEAD + '''    settings = dict(lr=lr, batch_size=batch_size, optimizer=optimizer, seed=seed)
    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    history = fit(model, data, cross_entropy, epochs=epochs, **settings)
    best_epoch, stop_epoch = early_stopping_epoch(history, patience)
    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    fit(model, data, cross_entropy, epochs=best_epoch, **settings)
    return {
        "model": model,
        "history": history,
        "best_epoch": best_epoch,
        "stop_epoch": stop_epoch,
        "gap": generalisation_gap(history, best_epoch),
        "test_accuracy": history.val_accuracy[best_epoch - 1],
    }
''',
        "message": "is the accuracy on the VALIDATION part",
    },
    {
        "question": "q5",
        "mistake": "the model after all the epochs kept, not the early-stopping epoch's",
        "code": _RUN_HEAD + '''    settings = dict(lr=lr, batch_size=batch_size, optimizer=optimizer, seed=seed)
    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    history = fit(model, data, cross_entropy, epochs=epochs, **settings)
    best_epoch, stop_epoch = early_stopping_epoch(history, patience)
    y_pred = predict(model, data.X_test).numpy()
    return {
        "model": model,
        "history": history,
        "best_epoch": best_epoch,
        "stop_epoch": stop_epoch,
        "gap": generalisation_gap(history, best_epoch),
        "test_accuracy": accuracy_score(data.y_test.numpy(), y_pred),
    }
''',
        "message": "you returned the model after ALL the epochs",
    },
    {
        "question": "q5",
        "mistake": "the gap of the last epoch instead of the best epoch",
        "code": _RUN_HEAD + '''    settings = dict(lr=lr, batch_size=batch_size, optimizer=optimizer, seed=seed)
    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    history = fit(model, data, cross_entropy, epochs=epochs, **settings)
    best_epoch, stop_epoch = early_stopping_epoch(history, patience)
    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    fit(model, data, cross_entropy, epochs=best_epoch, **settings)
    y_pred = predict(model, data.X_test).numpy()
    return {
        "model": model,
        "history": history,
        "best_epoch": best_epoch,
        "stop_epoch": stop_epoch,
        "gap": generalisation_gap(history),
        "test_accuracy": accuracy_score(data.y_test.numpy(), y_pred),
    }
''',
        "message": "should be the generalisation gap at the best epoch",
    },
    # ---------------------------------------------------------------- q6: the second data set
    {
        "question": "q6",
        "mistake": "the second data set split but not standardised",
        "code": '''second_name = "wine"
bunch = BUNDLED[second_name]()
X_train, X_val, X_test, y_train, y_val, y_test = split_three_ways(bunch.data, bunch.target, seed=0)
features = lambda a: torch.as_tensor(a, dtype=torch.float64)
labels = lambda a: torch.as_tensor(a, dtype=torch.int64)
second = DataSplit(features(X_train), labels(y_train), features(X_val), labels(y_val),
                   features(X_test), labels(y_test), class_names=tuple(bunch.target_names))

# The settings of the two runs. Start with these; change them if question 8 makes you want to.
digits_settings = dict(n_hidden=64, lr=0.1, epochs=60, patience=5)
second_settings = dict(n_hidden=64, lr=0.1, epochs=60, patience=5)
''',
        "message": "are not standardised",
    },
]
