"""Wrong answers to homework 3 (one network, two data sets) that its checks must catch.

Each entry replaces the *first* answer cell of one question with the code a student could
plausibly have written, mistake included. The question must lose at least half its points,
its feedback must contain ``message`` (the words that name the mistake), and no other
question may lose points (a mistake is charged once).
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

# The solution's training function, with one line to replace (a mistake in one step).
_RUN_BODY = '''    settings = dict(lr=lr, batch_size=batch_size, optimizer=optimizer, seed=seed)
    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    history = fit(model, data, cross_entropy, epochs=epochs, **settings)
    best_epoch, stop_epoch = early_stopping_epoch(history, patience)
    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)  # the same initial weights
    fit(model, data, cross_entropy, epochs=best_epoch, **settings)
    y_pred = predict(model, data.X_test).numpy()
    return {
        "model": model,
        "history": history,
        "best_epoch": best_epoch,
        "stop_epoch": stop_epoch,
        "gap": generalisation_gap(history, best_epoch),
        "test_accuracy": accuracy_score(data.y_test.numpy(), y_pred),
    }
'''


def _run(old, new):
    assert _RUN_BODY.count(old) == 1, old
    return _RUN_HEAD + _RUN_BODY.replace(old, new)


_SETTINGS = '''# The settings of the two runs. Start with these; change them if question 8 makes you want to.
digits_settings = dict(n_hidden=64, lr=0.1, epochs=60, patience=5)
second_settings = dict(n_hidden=64, lr=0.1, epochs=60, patience=5)

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
    {
        "question": "q1",
        "mistake": "validation and test parts returned in each other's place",
        "code": _SPLIT_HEAD + '''    n = len(y)
    # first cut: the test set; second cut: validation from what is left
    X_tmp, X_te, y_tmp, y_te = train_test_split(X, y, test_size=round(n * test_size),
                                                stratify=y, random_state=seed)
    X_tr, X_va, y_tr, y_va = train_test_split(X_tmp, y_tmp, test_size=round(n * val_size),
                                              stratify=y_tmp, random_state=seed)
    return X_tr, X_te, X_va, y_tr, y_te, y_va
''',
        "message": "val_size and test_size are swapped, or X_val and X_test",
    },
    {
        "question": "q1",
        "mistake": "a fixed random_state: the seed argument is ignored",
        "code": _SPLIT_HEAD + '''    n = len(y)
    X_rest, X_test, y_rest, y_test = train_test_split(
        X, y, test_size=round(test_size * n), stratify=y, random_state=42)
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=round(val_size * n), stratify=y_rest, random_state=42)
    return X_train, X_val, X_test, y_train, y_val, y_test
''',
        "message": "`seed` is ignored",
    },
    {
        "question": "q1",
        "mistake": "a hand-made stratified split with NumPy's global, unseeded generator",
        "code": _SPLIT_HEAD + '''    X, y = np.asarray(X), np.asarray(y)
    test_idx, val_idx, train_idx = [], [], []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        np.random.shuffle(members)                 # a new order every call
        n_te = round(test_size * len(members))
        n_va = round(val_size * len(members))
        test_idx += list(members[:n_te])
        val_idx += list(members[n_te:n_te + n_va])
        train_idx += list(members[n_te + n_va:])
    return (X[train_idx], X[val_idx], X[test_idx],
            y[train_idx], y[val_idx], y[test_idx])
''',
        "message": "the same seed must give the same split",
    },
    {
        "question": "q1",
        "mistake": "X and y shuffled in place before splitting",
        "code": _SPLIT_HEAD + '''    np.random.seed(seed)
    np.random.shuffle(X)       # same seed twice: X and y get the same order
    np.random.seed(seed)
    np.random.shuffle(y)
    n = len(y)
    X_rest, X_test, y_rest, y_test = train_test_split(
        X, y, test_size=round(test_size * n), stratify=y, random_state=seed)
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=round(val_size * n), stratify=y_rest, random_state=seed)
    return X_train, X_val, X_test, y_train, y_val, y_test
''',
        "message": "changed the arrays it was given",
    },
    {
        "question": "q1",
        "mistake": "only one cut: four values returned, no validation part",
        "code": _SPLIT_HEAD + '''    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size + val_size, stratify=y, random_state=seed)
    return X_train, X_test, y_train, y_test
''',
        "message": "Four is what one call of train_test_split returns",
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
        "mistake": "StandardScaler refitted on every part (fit_transform three times)",
        "code": '''from sklearn.preprocessing import StandardScaler


def standardise(X_train, X_val, X_test):
    scaler = StandardScaler()
    return (scaler.fit_transform(X_train), scaler.fit_transform(X_val),
            scaler.fit_transform(X_test))
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
    {
        "question": "q2",
        "mistake": "a small epsilon added to the standard deviation instead of the guard",
        "code": _STANDARDISE_HEAD + '''    mu = X_train.mean(axis=0)
    sigma = X_train.std(axis=0) + 1e-8   # avoid dividing by zero
    return (X_train - mu) / sigma, (X_val - mu) / sigma, (X_test - mu) / sigma
''',
        "message": "A small number added to the standard deviation",
    },
    {
        "question": "q2",
        "mistake": "np.nan_to_num after dividing by a zero standard deviation",
        "code": _STANDARDISE_HEAD + '''    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        parts = [(X - mean) / std for X in (X_train, X_val, X_test)]
    return tuple(np.nan_to_num(p) for p in parts)
''',
        "message": "np.nan_to_num turns the 0/0",
    },
    {
        "question": "q2",
        "mistake": "divided by the variance instead of the standard deviation",
        "code": _STANDARDISE_HEAD + '''    mean = np.mean(X_train, axis=0)
    var = np.var(X_train, axis=0)
    var[var == 0] = 1
    return (X_train - mean) / var, (X_val - mean) / var, (X_test - mean) / var
''',
        "message": "divided by the variance",
    },
    {
        "question": "q2",
        "mistake": "min-max scaling with the training minimum and maximum",
        "code": _STANDARDISE_HEAD + '''    lo, hi = X_train.min(axis=0), X_train.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    return (X_train - lo) / span, (X_val - lo) / span, (X_test - lo) / span
''',
        "message": "min-max scaling",
    },
    {
        "question": "q2",
        "mistake": "the inputs scaled in place (X -= mean)",
        "code": _STANDARDISE_HEAD + '''    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std[std == 0] = 1.0
    for X in (X_val, X_test, X_train):     # training last: its statistics are already taken
        X -= mean
        X /= std
    return X_train, X_val, X_test
''',
        "message": "changed the arrays it was given",
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
        "message": "counted from 1",
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
    {
        "question": "q3",
        "mistake": "the size of the gap, abs(), so an early negative gap turns positive",
        "code": _GAP_HEAD + '''    i = len(history.val_loss) - 1 if epoch is None else epoch - 1
    return abs(history.val_loss[i] - history.train_loss[i])
''',
        "message": "without its sign",
    },
    {
        "question": "q3",
        "mistake": "the default epoch taken as the best epoch",
        "code": _GAP_HEAD + '''    epoch = epoch or history.best_epoch   # default: where the model is best
    return history.val_loss[epoch - 1] - history.train_loss[epoch - 1]
''',
        "message": "the gap at the epoch of the lowest validation loss",
    },
    {
        "question": "q3",
        "mistake": "the default epoch -1 shifted once more by the 1-based index",
        "code": _GAP_HEAD + '''    if epoch == None:
        epoch = -1                        # the last one
    val = history.val_loss[epoch - 1]
    train = history.train_loss[epoch - 1]
    return val - train
''',
        "message": "the gap of the second-to-last epoch",
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
        "message": "TRAINING loss",
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
        "message": "lowest validation loss of the WHOLE run",
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
    {
        "question": "q4",
        "mistake": "a wait counter that counts the best epoch too (stops one epoch early)",
        "code": _EARLY_HEAD + '''    best = float("inf")
    best_epoch = 1
    wait = 0
    for i, loss in enumerate(history.val_loss):
        wait += 1
        if loss < best:
            best, best_epoch, wait = loss, i + 1, 1
        if wait >= patience:
            return best_epoch, i + 1
    return best_epoch, len(history.val_loss)
''',
        "message": "one epoch too early",
    },
    {
        "question": "q4",
        "mistake": "each epoch compared with the previous epoch instead of the best so far",
        "code": _EARLY_HEAD + '''    losses = history.val_loss
    best_epoch, bad_epochs = 1, 0
    for epoch in range(2, len(losses) + 1):
        if losses[epoch - 1] < losses[epoch - 2]:      # better than last epoch
            bad_epochs = 0
            if losses[epoch - 1] < losses[best_epoch - 1]:
                best_epoch = epoch
        else:
            bad_epochs += 1
            if bad_epochs == patience:
                return best_epoch, epoch
    return best_epoch, len(losses)
''',
        "message": "compared with the epoch BEFORE it",
    },
    {
        "question": "q4",
        "mistake": "the count of epochs without improvement never reset",
        "code": _EARLY_HEAD + '''    best_loss, best_epoch, misses = math.inf, None, 0
    for epoch, loss in enumerate(history.val_loss, 1):
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
        else:
            misses += 1
        if misses == patience:
            return best_epoch, epoch
    return best_epoch, len(history.val_loss)
''',
        "message": "never set back to 0",
    },
    {
        "question": "q4",
        "mistake": "stop_epoch None when training never stops",
        "code": _EARLY_HEAD + '''    best_epoch, best_loss, stop_epoch = None, math.inf, None
    for epoch, loss in enumerate(history.val_loss, start=1):
        if loss < best_loss:
            best_epoch, best_loss = epoch, loss
        elif epoch - best_epoch >= patience:
            stop_epoch = epoch        # training stops here
            break
    return best_epoch, stop_epoch
''',
        "message": "when training never stops, stop_epoch is the last epoch",
    },
    {
        "question": "q4",
        "mistake": "the two epochs returned the other way round",
        "code": _EARLY_HEAD + '''    best_epoch, best_loss = None, math.inf
    for epoch, loss in enumerate(history.val_loss, start=1):
        if loss < best_loss:
            best_epoch, best_loss = epoch, loss
        elif epoch - best_epoch >= patience:
            return epoch, best_epoch
    return len(history.val_loss), best_epoch
''',
        "message": "the wrong way round",
    },
    {
        "question": "q4",
        "mistake": "a default patience of 3",
        "code": '''def early_stopping_epoch(history, patience=3):
    best_epoch, best_loss = None, math.inf
    stop_epoch = len(history.val_loss)
    for epoch, loss in enumerate(history.val_loss, start=1):
        if loss < best_loss:
            best_epoch, best_loss = epoch, loss
        elif epoch - best_epoch >= patience:
            stop_epoch = epoch
            break
    return best_epoch, stop_epoch
''',
        "message": "Without a `patience` argument the patience is 5",
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
        "code": _run('''    y_pred = predict(model, data.X_test).numpy()
''', "").replace('''accuracy_score(data.y_test.numpy(), y_pred)''',
                 '''history.val_accuracy[best_epoch - 1]'''),
        "message": "the accuracy on the VALIDATION part",
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
        "code": _run('''generalisation_gap(history, best_epoch)''', '''generalisation_gap(history)'''),
        "message": "the gap at the LAST epoch",
    },
    {
        "question": "q5",
        "mistake": "patience not passed on (early stopping always with the default 5)",
        "code": _run('''early_stopping_epoch(history, patience)''', '''early_stopping_epoch(history)'''),
        "message": "pass `patience` on to early_stopping_epoch",
    },
    {
        "question": "q5",
        "mistake": "the optimizer setting not passed on to fit",
        "code": _RUN_HEAD + '''    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    history = fit(model, data, cross_entropy, lr=lr, batch_size=batch_size, epochs=epochs,
                  seed=seed)
    best, stop = early_stopping_epoch(history, patience=patience)
    kept = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    fit(kept, data, cross_entropy, lr=lr, batch_size=batch_size, epochs=best, seed=seed)
    predictions = predict(kept, data.X_test)
    return dict(model=kept, history=history, best_epoch=best, stop_epoch=stop,
                gap=generalisation_gap(history, best),
                test_accuracy=accuracy_score(data.y_test.numpy(), predictions.numpy()))
''',
        "message": "pass `optimizer` on to fit",
    },
    {
        "question": "q5",
        "mistake": "seed not given to mlp (the initial weights always from seed 0)",
        "code": _run('''    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)
    history''', '''    model = mlp(data.n_features, n_hidden, data.n_classes)
    history''').replace('''    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)  # the same''',
                        '''    model = mlp(data.n_features, n_hidden, data.n_classes)  # the same'''),
        "message": "pass `seed` on to mlp(...)",
    },
    {
        "question": "q5",
        "mistake": "the full run's model trained further instead of a fresh one",
        "code": _run('''    model = mlp(data.n_features, n_hidden, data.n_classes, seed=seed)  # the same initial weights
''', ""),
        "message": "MORE epochs",
    },
    {
        "question": "q5",
        "mistake": "the test accuracy as a percentage",
        "code": _run('''accuracy_score(data.y_test.numpy(), y_pred)''',
                     '''100 * accuracy_score(data.y_test.numpy(), y_pred)'''),
        "message": "a percentage",
    },
    {
        "question": "q5",
        "mistake": "best_epoch taken from history.best_epoch (the whole run)",
        "code": _run('''    best_epoch, stop_epoch = early_stopping_epoch(history, patience)
''', '''    stop_epoch = early_stopping_epoch(history, patience)[1]
    best_epoch = history.best_epoch
'''),
        "message": "(history.best_epoch)",
    },
    {
        "question": "q5",
        "mistake": "the list of validation losses passed to early_stopping_epoch, not the History",
        "code": _run('''early_stopping_epoch(history, patience)''',
                     '''early_stopping_epoch(history.val_loss, patience)'''),
        "message": "take the History itself",
    },
    # ---------------------------------------------------------------- q6: the second data set
    {
        "question": "q6",
        "mistake": "the second data set split but not standardised",
        "code": _SETTINGS + '''second_name = "wine"
bunch = BUNDLED[second_name]()
X_train, X_val, X_test, y_train, y_val, y_test = split_three_ways(bunch.data, bunch.target, seed=0)
features = lambda a: torch.as_tensor(a, dtype=torch.float64)
labels = lambda a: torch.as_tensor(a, dtype=torch.int64)
second = DataSplit(features(X_train), labels(y_train), features(X_val), labels(y_val),
                   features(X_test), labels(y_test), class_names=tuple(bunch.target_names))
''',
        "message": "are not standardised",
    },
    {
        "question": "q6",
        "mistake": "a data set loaded other than the one second_name names",
        "code": _SETTINGS + '''second_name = "wine"
bunch = BUNDLED["iris"]()
second = make_data_split(bunch.data, bunch.target, bunch.target_names)
''',
        "message": "but second_name is 'wine'",
    },
    {
        "question": "q6",
        "mistake": "a setting under a name train_with_early_stopping does not take",
        "code": '''digits_settings = dict(n_hidden=64, lr=0.1, epochs=60, patience=5)
second_settings = dict(n_hidden=64, learning_rate=0.3, epochs=60, patience=5)

second_name = "wine"
bunch = BUNDLED[second_name]()
second = make_data_split(bunch.data, bunch.target, bunch.target_names, seed=0)
''',
        "message": "which train_with_early_stopping does not take",
    },
]
