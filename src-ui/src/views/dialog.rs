use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct DialogProps {
    pub text: AttrValue,
    pub ok_label: AttrValue,
    pub cancel_label: AttrValue,
    pub on_ok: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// Any confirmation (going Offline, approving a blast, ...).
pub fn confirm_dialog(p: &DialogProps) -> Html {
    let ok = p.on_ok.clone();
    let cancel = p.on_cancel.clone();
    let cancel2 = p.on_cancel.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            cancel2.emit(());
        }
    });
    html! {
        <div class="scrim" {onkeydown}>
            <div class="dialog" role="alertdialog" aria-modal="true" aria-describedby="confirm-text" data-testid="confirm-dialog">
                <p id="confirm-text" class="dialog-text">{ p.text.clone() }</p>
                <div class="dialog-actions">
                    <button type="button" class="btn ghost" data-testid="confirm-cancel" onclick={Callback::from(move |_| cancel.emit(()))}>{ p.cancel_label.clone() }</button>
                    <button type="button" class="btn primary" data-testid="confirm-ok" autofocus=true onclick={Callback::from(move |_| ok.emit(()))}>{ p.ok_label.clone() }</button>
                </div>
            </div>
        </div>
    }
}
