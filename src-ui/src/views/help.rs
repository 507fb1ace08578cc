use crate::i18n::{t, Lang, K};
use crate::keys::help;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct HelpProps {
    #[prop_or_default]
    pub lang: Lang,
    pub on_close: Callback<()>,
}

/// The keyboard shortcuts (issue 4 item 11), opened with `?`.
pub fn help_overlay(p: &HelpProps) -> Html {
    let close = p.on_close.clone();
    let close2 = p.on_close.clone();
    html! {
        <div class="scrim" onclick={Callback::from(move |_| close.emit(()))}>
            <div class="dialog help" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay"
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <h2 id="help-title">{ t(p.lang, K::Shortcuts) }</h2>
                <dl class="shortcuts">
                    { for help(p.lang).iter().map(|(k, what)| html! {
                        <>
                            <dt>{ for k.split(" / ").enumerate().map(|(i, part)| html! {
                                <>{ if i > 0 { " / " } else { "" } }<kbd>{ part }</kbd></>
                            }) }</dt>
                            <dd>{ *what }</dd>
                        </>
                    }) }
                </dl>
                <div class="dialog-actions">
                    <button type="button" class="btn primary" data-testid="help-close" autofocus=true
                        onclick={Callback::from(move |_| close2.emit(()))}>{ t(p.lang, K::Close) }</button>
                </div>
            </div>
        </div>
    }
}
