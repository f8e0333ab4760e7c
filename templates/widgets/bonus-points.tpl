<section class="bonus bonus-widget-points" data-bonus-widget="points" aria-label="{{tx("bonus:widget.points.label")}}">
  {{{ if member }}}
  <dl class="row mb-2">
    <dt class="col-7 fw-normal text-secondary">{{tx("bonus:balance.spendable")}}</dt>
    <dd class="col-5 mb-1 fw-bold text-end {{{ if negative }}}text-danger{{{ end }}}" data-bonus="spendable">{{bonusNumber(balance.spendable)}}</dd>
    <dt class="col-7 fw-normal text-secondary">{{tx("bonus:balance.pending")}}</dt>
    <dd class="col-5 mb-0 text-end" data-bonus="pending">{{bonusNumber(balance.pending)}}</dd>
  </dl>
  <p class="mb-0 d-flex flex-wrap gap-3 small">
    <a href="{pointsUrl}" data-bonus="points-link"><i class="fa fa-coins" aria-hidden="true"></i> {{tx("bonus:home.link.points")}}</a>
    <a href="{storeUrl}" data-bonus="store-link"><i class="fa fa-store" aria-hidden="true"></i> {{tx("bonus:home.link.store")}}</a>
  </p>
  {{{ else }}}
  <p class="mb-0"><a href="{loginUrl}" data-bonus="sign-in">{{tx("bonus:widget.points.guest")}}</a></p>
  {{{ end }}}
</section>
