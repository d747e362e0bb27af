// The reconnect card's links, wired here instead of inline onclick handlers: the pages' CSP
// (script-src 'self') refuses inline script.
document.addEventListener('click', e => {
    const link = e.target.closest('[data-reconnect]');
    if (!link) return;
    e.preventDefault();
    if (link.dataset.reconnect === 'retry') Blazor.reconnect();
    else location.reload();
});
